"""Notification precision and recall: of the pairs announced, the share relevant; of the
relevant pairs, the share announced; at the real threshold and at a range of them."""

from matching_lab.evaluation.metrics import Rankings, evaluate, notification, threshold_table

RELEVANT = {"n1": {"o1", "o2"}, "n2": {"o3"}, "n3": set()}
SCORES = {
    ("n1", "o1"): 0.9,
    ("n1", "o2"): 0.45,
    ("n1", "o9"): 0.7,
    ("n2", "o3"): 0.55,
    ("n3", "o9"): 0.35,
}


def test_precision_is_the_share_of_announced_pairs_that_are_relevant():
    precision, recall = notification(SCORES, RELEVANT, 0.5)

    assert precision == round(2 / 3, 4)  # o1, o3 of o1, o9, o3
    assert recall == round(2 / 3, 4)  # o1, o3 of o1, o2, o3


def test_announcing_nothing_is_precise_and_recalls_nothing():
    assert notification(SCORES, RELEVANT, 0.95) == (1.0, 0.0)


def test_the_table_shows_precision_recall_and_false_alarms_at_each_threshold():
    rows = threshold_table(SCORES, RELEVANT, (0.3, 0.5, 0.8))

    assert rows == [
        (0.3, 0.6, 1.0, 1),  # n3 alarmed by o9 at 0.35
        (0.5, round(2 / 3, 4), round(2 / 3, 4), 0),
        (0.8, 1.0, round(1 / 3, 4), 0),
    ]


def test_evaluate_reports_the_notification_figures_at_the_threshold_given():
    rankings = Rankings(ranked={"n1": ["o1", "o9", "o2"], "n2": ["o3"], "n3": ["o9"]})
    rankings.scores.update(SCORES)

    languages = dict.fromkeys(("n1", "n2", "n3", "o1", "o2", "o3", "o9"), "en")

    figures = evaluate(rankings, RELEVANT, languages, languages, threshold=0.8)

    assert figures["notification_precision"] == 1.0
    assert figures["notification_recall"] == round(1 / 3, 4)
