"""`manage.py bench_matching` times matching on synthetic postings in a scratch database."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from needs.models import Need

pytestmark = pytest.mark.django_db

NUMBER = r"([\d.,]+)"
FIGURES = {
    "one_need": rf"^one need vs 20 offers: median {NUMBER} ms, p95 {NUMBER} ms over 3 runs .*"
    r"offer index already cached",
    "with_embedding": rf"^one need incl\. embedding its text: median {NUMBER} ms, p95 {NUMBER} ms",
    "rematch": rf"^full rematch: {NUMBER} s for 5 x 20 = 100 pairs, {NUMBER} matches stored",
    "pairs_per_second": rf"^pairs scored per second: one need {NUMBER}/s, full rematch {NUMBER}/s",
    "memory": rf"^memory peak: one need {NUMBER} MiB, full rematch {NUMBER} MiB .*"
    rf"ru_maxrss {NUMBER} MiB",
}


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def test_it_prints_every_figure_on_tiny_sizes_and_drops_its_database():
    out = StringIO()
    call_command(
        "bench_matching", "--needs", "5", "--offers", "20", "--repeats", "3",
        stdout=out, stderr=StringIO(),
    )  # fmt: skip
    output = out.getvalue()
    figures = {}
    for name, pattern in FIGURES.items():
        found = re.search(pattern, output, re.MULTILINE)
        assert found, f"no {name} line in:\n{output}"
        figures[name] = [_number(value) for value in found.groups()]
    median, p95 = figures["one_need"]
    assert 0 < median <= p95
    seconds, stored = figures["rematch"]
    assert seconds > 0
    assert 0 < stored <= 100, "some of the 100 pairs are stored, never more than there are"
    assert all(value > 0 for value in figures["pairs_per_second"])
    assert all(value > 0 for value in figures["memory"])

    scratch = re.search(r"scratch database (\w+)", output).group(1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [scratch])
        assert cursor.fetchone()[0] == 0, "the scratch database is dropped"
    assert not Need.objects.exists(), "nothing was written to the test's own database"
