#include "sim/SimCommand.h"

#include "core/StopSignal.h"
#include "sim/Scenario.h"
#include "sim/SimServer.h"

#include <QCoreApplication>
#include <QFile>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

QString SimCommand::usage()
{
    return u"usage: sitrep sim [--port N] [--scenario NAME|FILE] [--tls|--no-tls] [--k8s-version 1.32]\n"
           "                  [--token TOKEN] [--write-kubeconfig FILE] [--context NAME] [--metrics-port N]\n"
           "                  [--backfill FILE] [--backfill-hours H] [--deny \"delete pods\"]...\n"
           "Serves a simulated Kubernetes cluster on 127.0.0.1 until interrupted. Built-in scenarios: %1\n"_s
               .arg(Scenario::builtinNames().join(u", "_s));
}

int SimCommand::run(const QStringList &args)
{
    quint16 port = 0;
    int metricsPort = -1;
    QString scenario = u"api-gateway-rollout"_s;
    bool tls = true;
    int minor = 32;
    QString token;
    bool tokenGiven = false;
    QString kubeconfig, context = u"sitrep-sim"_s, backfill;
    int backfillHours = 6;
    QStringList denied;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args.at(i);
        auto value = [&](QString *out) {
            if (i + 1 >= args.size())
                return false;
            *out = args.at(++i);
            return true;
        };
        QString v;
        bool ok = true;
        if (a == "--port"_L1 && value(&v))
            port = quint16(v.toUInt(&ok));
        else if (a == "--metrics-port"_L1 && value(&v))
            metricsPort = v.toInt(&ok);
        else if (a == "--scenario"_L1 && value(&v))
            scenario = v;
        else if (a == "--tls"_L1)
            tls = true;
        else if (a == "--no-tls"_L1)
            tls = false;
        else if (a == "--k8s-version"_L1 && value(&v)) {
            minor = v.section(QLatin1Char('.'), 1, 1).toInt(&ok);
            ok = ok && v.section(QLatin1Char('.'), 0, 0) == "1"_L1;
        } else if (a == "--token"_L1 && value(&v)) {
            token = v;
            tokenGiven = true;
        } else if (a == "--write-kubeconfig"_L1 && value(&v))
            kubeconfig = v;
        else if (a == "--context"_L1 && value(&v))
            context = v;
        else if (a == "--backfill"_L1 && value(&v))
            backfill = v;
        else if (a == "--backfill-hours"_L1 && value(&v))
            backfillHours = v.toInt(&ok);
        else if (a == "--deny"_L1 && value(&v))
            denied << v;
        else if (a == "--help"_L1 || a == "-h"_L1) {
            m_out << usage();
            return 0;
        } else
            ok = false;
        if (!ok) {
            m_err << "sitrep sim: bad or incomplete option \"" << a << "\"\n" << usage();
            return 2;
        }
    }

    SimServer server;
    if (auto r = server.loadScenario(scenario); !r) {
        m_err << "sitrep sim: " << r.error().text() << "\n";
        return 1;
    }
    server.setVersionMinor(minor);
    if (tokenGiven)
        server.setToken(token);
    if (!denied.isEmpty())
        server.setDeniedVerbs(denied);
    const auto url = server.start(port, tls);
    if (!url) {
        m_err << "sitrep sim: " << url.error().text() << "\n";
        return 1;
    }
    if (metricsPort >= 0) {
        if (auto m = server.startMetricsListener(quint16(metricsPort)); !m) {
            m_err << "sitrep sim: " << m.error().text() << "\n";
            return 1;
        }
    }
    if (!kubeconfig.isEmpty()) {
        if (auto r = server.writeKubeconfig(kubeconfig, context); !r) {
            m_err << "sitrep sim: " << r.error().text() << "\n";
            return 1;
        }
    }
    if (!backfill.isEmpty()) {
        QFile f(backfill);
        if (!f.open(QIODevice::WriteOnly) || f.write(server.openMetricsBackfill(backfillHours)) < 0) {
            m_err << "sitrep sim: cannot write " << backfill << ": " << f.errorString() << "\n";
            return 1;
        }
    }

    Core::StopSignal stopSignal; // Ctrl+C and SIGTERM stop the server cleanly
    if (!stopSignal.isValid()) {
        m_err << "sitrep sim: cannot set up signal handling\n";
        return 1;
    }

    m_out << "Simulated cluster \"" << server.scenario().name << "\" (Kubernetes v1." << minor
          << ") serving at " << url->toString() << "\n";
    if (server.metricsUrl().isValid() && !server.metricsUrl().isEmpty())
        m_out << "Metrics at " << server.metricsUrl().toString() << "\n";
    else
        m_out << "Metrics at " << url->toString() << "/metrics\n";
    if (!kubeconfig.isEmpty())
        m_out << "Kubeconfig written to " << kubeconfig << " (kubectl --kubeconfig " << kubeconfig
              << " get pods)\n";
    m_out << "Ready.\n";
    m_out.flush();
    const int code = QCoreApplication::exec();
    server.stop();
    m_out << "Stopped.\n";
    m_out.flush();
    return code;
}

} // namespace Sitrep::Sim
