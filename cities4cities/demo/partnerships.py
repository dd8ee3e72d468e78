"""Demo partnerships, after real ones: (kind, since, member slugs)."""

from datetime import date

PARTNERSHIPS = [
    ("solidarity", date(2022, 6, 1), ["esslingen-am-neckar", "kamianets-podilskyi"]),
    ("cooperation", date(2023, 9, 15), ["krefeld", "venlo", "kropyvnytskyi"]),
]
