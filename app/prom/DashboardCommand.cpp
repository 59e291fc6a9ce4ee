#include "prom/DashboardCommand.h"

#include "core/FileArguments.h"
#include "prom/DashboardInspector.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Sitrep::Prom {

int DashboardCommand::usage()
{
    m_err << "usage: sitrep dashboard inspect FILE [--json]\n";
    return 2;
}

int DashboardCommand::run(const QStringList &args)
{
    if (args.isEmpty())
        return usage();
    const QString verb = args.first();
    if (verb == QLatin1String("inspect"))
        return inspect(args.mid(1));
    if (verb == QLatin1String("--help") || verb == QLatin1String("-h")) {
        usage();
        return 0;
    }
    m_err << "sitrep dashboard: unknown command \"" << verb << "\"\n";
    return usage();
}

int DashboardCommand::inspect(const QStringList &args)
{
    const auto parsed = Core::FileArguments::parse(args);
    if (!parsed)
        return usage();
    const QString &file = parsed->file;
    const bool json = parsed->json;
    const auto r = DashboardInspector::inspectFile(file);
    if (!r) {
        m_err << "sitrep dashboard: " << r.error().text() << "\n";
        return 2;
    }
    const QJsonObject &o = *r;
    if (json) {
        m_out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
        return 0;
    }
    const QJsonObject summary = o.value(QStringLiteral("summary")).toObject();
    m_out << o.value(QStringLiteral("title")).toString() << " ("
          << o.value(QStringLiteral("format")).toString() << ", "
          << summary.value(QStringLiteral("drawn")).toInt() << " panels drawn, "
          << summary.value(QStringLiteral("skipped")).toInt() << " left out)\n";
    for (const QJsonValue &v : o.value(QStringLiteral("variables")).toArray()) {
        const QJsonObject vo = v.toObject();
        m_out << "  $" << vo.value(QStringLiteral("name")).toString() << "  "
              << vo.value(QStringLiteral("type")).toString()
              << (vo.value(QStringLiteral("supported")).toBool() ? "" : "  (not supported)") << "\n";
    }
    QString row;
    for (const QJsonValue &p : o.value(QStringLiteral("panels")).toArray()) {
        const QJsonObject po = p.toObject();
        const QString r2 = po.value(QStringLiteral("row")).toString();
        if (r2 != row) {
            row = r2;
            m_out << "  ▸ " << row << "\n";
        }
        m_out << "    " << po.value(QStringLiteral("title")).toString() << ": "
              << po.value(QStringLiteral("drawnAs")).toString();
        const QString unit = po.value(QStringLiteral("unit")).toString();
        if (!unit.isEmpty())
            m_out << ", unit " << unit << " (" << po.value(QStringLiteral("unitExample")).toString() << ")";
        m_out << "\n";
    }
    for (const QJsonValue &s : o.value(QStringLiteral("skippedPanels")).toArray())
        m_out << "  left out: " << s.toObject().value(QStringLiteral("title")).toString() << " ("
              << s.toObject().value(QStringLiteral("reason")).toString() << ")\n";
    const QJsonArray approx = o.value(QStringLiteral("approximations")).toArray();
    m_out << approx.size() << (approx.size() == 1 ? " approximation" : " approximations") << "\n";
    for (const QJsonValue &a : approx)
        m_out << "  • " << a.toString() << "\n";
    return 0;
}

} // namespace Sitrep::Prom
