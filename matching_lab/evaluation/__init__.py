"""Measuring matching quality on a labelled data set (`manage.py evaluate_matching`): reading
the file, loading it into a fresh database, the engine's and a plain baseline's rankings, and
the figures (recall@5, precision@1, MRR, false alarms)."""
