"""The numbers that decide matching, set on the tuning set tests/data/matching_eval.json with
`manage.py evaluate_matching` (matching_lab/evaluation/; the README has the figures). The
reporting set, tests/data/matching_eval_reporting.json, is only ever evaluated, never tuned on."""

# multilingual-e5 cosine similarities of unrelated texts sit around 0.78-0.80, of texts about
# the same thing around 0.84 and up, across languages too: that band is stretched to 0..1.
# Moving either end by 0.01 changes no ranking figure of the evaluation by more than 0.02
# (announce.TEXT_EVIDENCE belongs to this band: lower it with the floor).
TEXT_FLOOR = 0.80
TEXT_CEILING = 0.90
# A posting's unit alone ("ліжок", "Betten", "machines") is a word or two: e5 puts unrelated
# words at 0.80-0.85 and the same thing in two languages at 0.88 and up, so this band is
# higher. Only the announcement looks at it (engine/announce.py), not the weighted fit.
UNIT_FLOOR = 0.85
UNIT_CEILING = 0.95

# They sum to 1, so a fit is between 0 and 1. Text carries most: in the labelled set 15 of
# the 70 relevant pairs are filed under another sector (11) or topic (4) than the need
# (generators for a hospital filed under energy, school buses under transport), so the taxonomy
# is a bonus and not a gate. Without the topic term precision@1 falls from 0.87 to 0.69; from
# 0.25 up, offers of another sector drop out of the first five and look-alikes of the same
# topic climb towards NOTIFY_THRESHOLD. Text weights from 0.5 to 0.7 give the same recall.
# Quantity, distance, shared language and dates break ties between offers about the same thing.
WEIGHTS = {
    "text": 0.55,
    "topic": 0.15,
    "kind": 0.10,
    "quantity": 0.05,
    "distance": 0.05,
    "language": 0.05,
    "date": 0.05,
}
# Municipalities that are already partners know whom to call and have worked together before:
# their pairs close this share of the gap between the score and 1 (0.60 → 0.64, 0.80 → 0.82).
# A lift rather than a weight, so the weights above keep summing to 1 and the figures tuned on
# the labelled set (which has no partnerships) stay as they are; it takes a pair over
# NOTIFY_THRESHOLD only from 0.44 up (it lifts the calibrated score the same way).
PARTNERSHIP_BOOST = 0.1
# Which kinds of help can serve a need for which kind (need kind → offer kinds, with weight).
KIND_SLUG_COMPATIBILITY = {
    ("expertise", "training"): 0.8,
    ("training", "expertise"): 0.8,
    ("personnel", "expertise"): 0.6,
    ("expertise", "personnel"): 0.6,
    ("goods", "funding"): 0.4,
}
DISTANCE_SCALE_KM = 1000.0
# How far apart two municipalities of one country count as when one has no coordinates (a
# typical distance within a country of Europe); of two countries, the distance term is 0.5.
NO_PLACE_SAME_COUNTRY_KM = 300.0

# Matches whose weighted fit (Signals.fit) is below STORE_MINIMUM are not stored (not shown).
# Relevant offers filed under another sector that rank in a need's first five fit from 0.50 up,
# so at 0.50 recall@5 drops (0.93); 0.40 keeps a margin and still leaves out most unrelated
# offers (about 7 stored per need).
STORE_MINIMUM = 0.40
# Each posting keeps its best this many (needs' and offers' lists together make the pairs).
KEEP_PER_POSTING = 10
# The stored score is the calibrated probability that a pair is useful (engine/announce.py).
# From NOTIFY_THRESHOLD up both cities are emailed and the page lists the pair as a match;
# below it, as a possible match. At 0.5 ("more likely useful than not") the tuning set's
# announced pairs are 92% relevant and hold 69% of its relevant pairs (its labels are generous:
# offers of another sector and kind count); at 0.6, 95% and 56%.
NOTIFY_THRESHOLD = 0.5
