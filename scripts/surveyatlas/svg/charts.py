"""Bar charts and heat maps for the stats page."""

from __future__ import annotations

from . import draw as d

WIDTH = 960
LEVELS = 6  # shades of a heat-map cell, sa-heat-0 (empty) to sa-heat-5 (the largest)


def shade(value: int, largest: int) -> str:
    if value <= 0 or largest <= 0:
        return "sa-heat-0"
    return f"sa-heat-{max(1, min(LEVELS - 1, round(value / largest * (LEVELS - 1))))}"


def bar_chart(chart_id: str, label: str, unit: str, items: list[tuple[str, int]]) -> d.Chart:
    """Horizontal bars, largest first, each labelled with its name and count."""
    label_width, row, top = 300.0, 24.0, 8.0
    height = top * 2 + row * max(1, len(items))
    largest = max((count for _, count in items), default=0)
    span = WIDTH - label_width - 60
    body = []
    for index, (name, count) in enumerate(items):
        y = top + index * row
        width = span * count / largest if largest else 0
        tip = f"{name}: {count} {unit}"
        body.append(
            d.text(label_width - 8, y + 16, d.fit(name, label_width - 12), "sa-viz__row", "end")
        )
        body.append(d.rect(label_width, y + 4, max(width, 1), row - 8, "sa-viz__bar", tip))
        body.append(d.text(label_width + width + 6, y + 16, str(count), "sa-viz__value"))
    description = (
        "; ".join(f"{name}: {count}" for name, count in items) + "."
        if items
        else "Nothing to show yet."
    )
    table = d.Table(label, ["", unit.capitalize()], [[name, str(count)] for name, count in items])
    return d.Chart(chart_id, d.svg(chart_id, WIDTH, height, label, description, body), table)


def heat_map(
    chart_id: str,
    label: str,
    rows: list[str],
    columns: list[str],
    values: list[list[int]],
    description: str,
    corner: str = "",
    column_marks: list[str] | None = None,
) -> d.Chart:
    """A grid of counts, each cell shaded by its size and showing its number.

    ``column_marks`` are shorter headings drawn instead of ``columns`` (the table keeps
    the full ones) when many columns must fit."""
    marks = column_marks or columns
    label_width = 190.0
    head = 34.0
    cell_w = min(64.0, (WIDTH - label_width - 10) / max(1, len(columns)))
    cell_h = 26.0
    width = label_width + cell_w * len(columns) + 10
    height = head + cell_h * len(rows) + 8
    largest = max((v for row in values for v in row), default=0)
    body = []
    for j, column in enumerate(marks):
        x = label_width + (j + 0.5) * cell_w
        body.append(d.text(x, head - 10, d.fit(column, cell_w - 2), "sa-viz__axis", "middle"))
    for i, name in enumerate(rows):
        y = head + i * cell_h
        body.append(
            d.text(label_width - 8, y + 17, d.fit(name, label_width - 12), "sa-viz__row", "end")
        )
        for j, value in enumerate(values[i]):
            x = label_width + j * cell_w
            tip = f"{name}, {columns[j]}: {value}"
            body.append(d.rect(x + 1, y + 1, cell_w - 2, cell_h - 2, shade(value, largest), tip))
            if value:
                cls = "sa-viz__cell sa-viz__cell--strong" if value * 2 > largest else "sa-viz__cell"
                body.append(d.text(x + cell_w / 2, y + 17, str(value), cls, "middle"))
    table = d.Table(
        label,
        [corner, *columns],
        [[n, *map(str, row)] for n, row in zip(rows, values, strict=True)],
    )
    svg = d.svg(chart_id, width, height, label, description, body, "sa-viz sa-viz--heat")
    return d.Chart(chart_id, svg, table)
