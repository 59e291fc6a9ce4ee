#include "prom/PanelRepeater.h"

#include <algorithm>

namespace Sitrep::Prom {

QMap<QString, VariableValue> PanelRepeater::valuesFor(const Panel &panel,
                                                      const QMap<QString, VariableValue> &values)
{
    if (panel.repeat.isEmpty() || panel.repeatValue.isNull())
        return values;
    QMap<QString, VariableValue> out = values;
    VariableValue v = out.value(panel.repeat);
    v.values = {panel.repeatValue};
    v.texts = {panel.repeatValue};
    v.isAll = false;
    out.insert(panel.repeat, v);
    return out;
}

QList<Panel> PanelRepeater::expand(const QList<Panel> &panels, const QMap<QString, VariableValue> &values)
{
    QList<Panel> out;
    // Extra height pushed onto the panels below a repeated one, per row section.
    QMap<int, QList<QPair<int, int>>> pushes; // row -> (from y, extra)
    const auto shift = [&](const Panel &p) {
        int extra = 0;
        for (const auto &[fromY, add] : pushes.value(p.row)) {
            if (p.grid.y >= fromY)
                extra += add;
        }
        return extra;
    };
    QList<Panel> sorted = panels;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Panel &a, const Panel &b) {
        return a.row != b.row ? a.row < b.row
                              : (a.grid.y != b.grid.y ? a.grid.y < b.grid.y : a.grid.x < b.grid.x);
    });
    for (const Panel &p : sorted) {
        const int extra = shift(p);
        const VariableValue v = values.value(p.repeat);
        if (p.repeat.isEmpty() || v.values.size() <= 1) {
            Panel copy = p;
            copy.grid.y += extra;
            if (!p.repeat.isEmpty())
                copy.repeatValue = v.values.value(0);
            out << copy;
            continue;
        }
        const int n = int(v.values.size());
        if (p.repeatVertical) {
            for (int i = 0; i < n; ++i) {
                Panel copy = p;
                copy.repeatValue = v.values[i];
                copy.grid.y = p.grid.y + extra + i * p.grid.h;
                out << copy;
            }
            pushes[p.row] << qMakePair(p.grid.y + p.grid.h, (n - 1) * p.grid.h);
            continue;
        }
        const int perRow = std::min(n, p.maxPerRow > 0 ? p.maxPerRow : 4);
        const int w = std::max(1, 24 / perRow);
        const int lines = (n + perRow - 1) / perRow;
        for (int i = 0; i < n; ++i) {
            Panel copy = p;
            copy.repeatValue = v.values[i];
            copy.grid.x = (i % perRow) * w;
            copy.grid.w = w;
            copy.grid.y = p.grid.y + extra + (i / perRow) * p.grid.h;
            out << copy;
        }
        if (lines > 1)
            pushes[p.row] << qMakePair(p.grid.y + p.grid.h, (lines - 1) * p.grid.h);
    }
    // Titles of copies name their value ("CPU $node" -> "CPU web-1").
    for (Panel &p : out) {
        if (p.repeatValue.isNull())
            continue;
        TemplateContext ctx;
        ctx.values = valuesFor(p, values);
        for (VariableValue &v : ctx.values)
            v.multiFormat = false; // a title shows the value as it is, not as a regex
        p.title = QueryTemplate::expand(p.title, ctx);
    }
    return out;
}

} // namespace Sitrep::Prom
