"""`manage.py bench_matching`: synthetic needs and offers in a scratch database, and the
timings of the real matching paths on them."""
