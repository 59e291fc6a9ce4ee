#pragma once

#include "prom/DataFrame.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Sitrep::Prom {

// One entry of a Grafana panel's "transformations" list.
struct Transformation
{
    QString id;
    QJsonObject options;
    bool disabled = false;
};

// Grafana's data transformations over a panel's frames, as its transformers compute them: merge,
// seriesToColumns/joinByField, organize, filterFieldsByName, labelsToFields, reduce, calculateField, sortBy,
// groupBy, limit, renameByRegex, concatenate, seriesToRows. Pure functions: the charts pane runs them, the
// tests call them directly.
class Transformations final
{
public:
    static bool isSupported(const QString &id);
    static QStringList supported();
    // Runs the enabled ones in order; an unsupported one passes its input through.
    static QList<DataFrame> apply(const QList<Transformation> &list, const QList<DataFrame> &frames);
    static QList<DataFrame> apply(const Transformation &t, const QList<DataFrame> &frames);

    static QList<DataFrame> organize(const QJsonObject &options, const QList<DataFrame> &frames);
    static QList<DataFrame> filterFieldsByName(const QJsonObject &options, const QList<DataFrame> &frames);
    static QList<DataFrame> merge(const QList<DataFrame> &frames);
    static QList<DataFrame> joinByField(const QJsonObject &options, const QList<DataFrame> &frames);
    static QList<DataFrame> labelsToFields(const QJsonObject &options, const QList<DataFrame> &frames);
    static QList<DataFrame> reduce(const QJsonObject &options, const QList<DataFrame> &frames);
    static QList<DataFrame> calculateField(const QJsonObject &options, const QList<DataFrame> &frames);
    static QList<DataFrame> sortBy(const QJsonObject &options, const QList<DataFrame> &frames);
    static QList<DataFrame> groupBy(const QJsonObject &options, const QList<DataFrame> &frames);
    static QList<DataFrame> limit(const QJsonObject &options, const QList<DataFrame> &frames);
    static QList<DataFrame> renameByRegex(const QJsonObject &options, const QList<DataFrame> &frames);
    static QList<DataFrame> concatenate(const QList<DataFrame> &frames);
    static QList<DataFrame> seriesToRows(const QList<DataFrame> &frames);
};

} // namespace Sitrep::Prom
