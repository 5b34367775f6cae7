"""Accuracy measurement: the French event gold standard (GSR) and its scorer."""
