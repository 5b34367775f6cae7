"""Entities: recognition (model NER + KB ruler), folding of aliases inside a document, KB linking."""
