"""The page types editors create for each participation process."""
