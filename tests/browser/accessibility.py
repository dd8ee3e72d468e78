"""axe-core checks for pages opened in the browser tests."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

BLOCKING_IMPACTS = frozenset({"serious", "critical"})

_axe = Axe()


def serious_violations(page: Page) -> list[str]:
    """Describe each serious or critical axe-core violation on the page, one entry per element."""
    # Colour contrast is only meaningful once the stylesheets have loaded.
    page.wait_for_load_state("load")
    results = _axe.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        for node in violation["nodes"]:
            found.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
                f"    element: {', '.join(map(str, node['target']))}\n"
                f"    html: {node['html']}\n"
                f"    {node.get('failureSummary', '').replace(chr(10), chr(10) + '    ')}\n"
                f"    see {violation['helpUrl']}"
            )
    return found


def format_violations(by_page: dict[str, list[str]]) -> str:
    return "\n".join(
        f"{page} ({len(found)}):\n" + "\n".join(f"  - {line}" for line in found)
        for page, found in by_page.items()
        if found
    )
