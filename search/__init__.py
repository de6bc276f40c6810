"""Finding what people said and the consultations they said it on."""
