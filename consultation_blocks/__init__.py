"""StreamField blocks and participation widgets for Bokrao consultations."""
