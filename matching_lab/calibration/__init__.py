"""Fitting the announcement model (matching/engine/announce.py) on the tuning set: every
need–offer pair's signals, labelled relevant or not, and a small logistic regression over
them (`manage.py fit_announcement`)."""
