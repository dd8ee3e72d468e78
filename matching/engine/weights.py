"""The numbers that decide matching, set on tests/data/matching_eval.json with
`manage.py evaluate_matching` (see the README for the figures)."""

# multilingual-e5 cosine similarities of unrelated texts sit around 0.78, of texts about the
# same thing around 0.86 and up: that band is stretched to 0..1.
TEXT_FLOOR = 0.80
TEXT_CEILING = 0.90

WEIGHTS = {
    "text": 0.50,
    "topic": 0.18,
    "kind": 0.10,
    "quantity": 0.07,
    "distance": 0.05,
    "language": 0.05,
    "date": 0.05,
}
# Which kinds of help can serve a need for which kind (need kind → offer kinds, with weight).
KIND_SLUG_COMPATIBILITY = {
    ("expertise", "training"): 0.8,
    ("training", "expertise"): 0.8,
    ("personnel", "expertise"): 0.6,
    ("expertise", "personnel"): 0.6,
    ("goods", "funding"): 0.4,
}
DISTANCE_SCALE_KM = 1000.0

# Matches below this are not stored; above NOTIFY_THRESHOLD both cities are emailed.
STORE_MINIMUM = 0.45
NOTIFY_THRESHOLD = 0.62
