"""`manage.py bench_search` times the needs list, plain and searched, on synthetic postings in a
scratch database."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from needs.models import Need

pytestmark = pytest.mark.django_db

NUMBER = r"([\d.,]+)"
FIGURES = {
    "plain": rf"^plain list \(/en/needs/\): median {NUMBER} ms, p95 {NUMBER} ms over 33 requests",
    "first": rf"^search, each query the first time .*: median {NUMBER} ms, p95 {NUMBER} ms over "
    r"30 queries",
    "repeated": rf"^search, queries seen before .*: median {NUMBER} ms, p95 {NUMBER} ms over 3 ",
    "index": rf"^first search of a process \(loads the 40 vectors\): {NUMBER} ms",
    "results": rf"^results per query: median {NUMBER}, at most {NUMBER}",
    "load": rf"^machine load at the end \(1, 5, 15 min\): {NUMBER}, {NUMBER}, {NUMBER}",
}


def test_it_prints_every_figure_on_tiny_sizes_and_drops_its_database():
    out = StringIO()

    call_command(
        "bench_search", "--postings", "40", "--repeats", "3", stdout=out, stderr=StringIO()
    )

    output = out.getvalue()
    for name, pattern in FIGURES.items():
        found = re.search(pattern, output, re.MULTILINE)
        assert found, f"no {name} line in:\n{output}"
        values = [float(value.replace(",", "")) for value in found.groups()]
        assert all(value >= 0 for value in values), name
    assert re.search(
        r"^data: 40 needs with their vectors and \d+ machine translations", output, re.M
    )
    scratch = re.search(r"scratch database (\w+)", output).group(1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [scratch])
        assert cursor.fetchone() is None
    assert not Need.objects.exists()  # the test database was not touched


def test_it_refuses_sizes_below_one():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("bench_search", "--postings", "0", stdout=StringIO(), stderr=StringIO())
