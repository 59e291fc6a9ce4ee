#include "prom/FrameJoin.h"

#include <QHash>
#include <QMap>

#include <algorithm>
#include <numeric>

namespace Sitrep::Prom {

DataFrame FrameJoin::join(const QList<DataFrame> &frames, const QString &byField, bool inner)
{
    DataFrame out;
    if (frames.isEmpty())
        return out;
    out.refId = frames.first().refId;
    // The key of every row of every frame, in first-seen order (sorted for times).
    QMap<QString, int> keyIndex;
    QList<QString> keys;
    QList<double> keyNumbers;
    bool numericKey = true;
    DataField keyField;
    bool haveKey = false;
    QList<int> keyAt; // per frame: index of the key field, -1 when the frame lacks it
    for (const DataFrame &f : frames) {
        int k = -1;
        for (int i = 0; i < f.fields.size(); ++i) {
            const bool isKey = byField.isEmpty() ? f.fields[i].type == DataField::Type::Time
                                                 : (fieldDisplayName(f.fields[i], f) == byField ||
                                                    f.fields[i].name == byField);
            if (isKey) {
                k = i;
                break;
            }
        }
        keyAt << k;
        if (k < 0)
            continue;
        if (!haveKey) {
            keyField = f.fields[k].emptyLike(f.fields[k].name);
            haveKey = true;
        }
        numericKey = numericKey && f.fields[k].type != DataField::Type::String;
        for (int r = 0; r < f.fields[k].size(); ++r) {
            const QString key = f.fields[k].text(r);
            if (!keyIndex.contains(key)) {
                keyIndex.insert(key, int(keys.size()));
                keys << key;
                keyNumbers << f.fields[k].number(r);
            }
        }
    }
    if (!haveKey)
        return frames.first();
    QVector<int> order(keys.size());
    std::iota(order.begin(), order.end(), 0);
    if (numericKey)
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return keyNumbers[a] < keyNumbers[b]; });
    // Row lookup per frame: key -> row.
    QList<QHash<QString, int>> rowsByKey;
    for (int fi = 0; fi < frames.size(); ++fi) {
        QHash<QString, int> m;
        if (keyAt[fi] >= 0) {
            for (int r = 0; r < frames[fi].fields[keyAt[fi]].size(); ++r)
                m.insert(frames[fi].fields[keyAt[fi]].text(r), r);
        }
        rowsByKey << m;
    }
    QVector<int> kept;
    for (int idx : order) {
        if (inner) {
            bool everywhere = true;
            for (int fi = 0; fi < frames.size(); ++fi)
                everywhere = everywhere && rowsByKey[fi].contains(keys[idx]);
            if (!everywhere)
                continue;
        }
        kept << idx;
    }
    for (int idx : kept) {
        if (keyField.type == DataField::Type::String)
            keyField.strings << keys[idx];
        else
            keyField.numbers << keyNumbers[idx];
    }
    out.fields << keyField;
    for (int fi = 0; fi < frames.size(); ++fi) {
        const DataFrame &f = frames[fi];
        for (int i = 0; i < f.fields.size(); ++i) {
            if (i == keyAt[fi])
                continue;
            DataField col = f.fields[i];
            col.numbers.clear();
            col.strings.clear();
            // Carries its display name along: a series' legend becomes the column's name.
            col.config.displayName = fieldDisplayName(f.fields[i], f);
            col.name = *col.config.displayName;
            for (int idx : kept) {
                const int row = rowsByKey[fi].value(keys[idx], -1);
                col.appendCell(&f.fields[i], row);
            }
            out.fields << col;
        }
    }
    // Duplicate names are numbered the way Grafana does ("Time 1", "Time 2").
    QList<QString> unique;
    for (int i = 0; i < out.fields.size(); ++i)
        unique << uniqueFieldName(out, i);
    for (int i = 0; i < out.fields.size(); ++i) {
        if (unique[i] != out.fields[i].name) {
            out.fields[i].config.displayName = unique[i];
        }
    }
    for (int i = 0; i < out.fields.size(); ++i)
        out.fields[i].name = out.fields[i].config.displayName.value_or(out.fields[i].name);
    return out;
}

} // namespace Sitrep::Prom
