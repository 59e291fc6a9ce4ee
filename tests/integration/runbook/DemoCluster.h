#pragma once

#include "core/Result.h"
#include "runbook/RunTypes.h"
#include "sim/SimServer.h"

#include <QDir>

namespace Sitrep::Test {

// The demo scenario's simulated cluster started on a free port, and the target a runbook's commands reach it
// with: the real kubectl through a kubeconfig written into dir (context "sim", namespace "demo").
inline Core::Result<Runbook::RunTarget> startDemoCluster(Sim::SimServer &sim, const QString &dir)
{
    const auto loaded = sim.loadScenario(QStringLiteral("api-gateway-rollout"));
    if (!loaded.ok())
        return loaded.error();
    const auto url = sim.start(0, true);
    if (!url.ok())
        return url.error();
    Runbook::RunTarget target;
    target.kubeconfig = QDir(dir).filePath(QStringLiteral("kubeconfig"));
    target.kubeContext = QStringLiteral("sim");
    target.kubeNamespace = QStringLiteral("demo");
    const auto written = sim.writeKubeconfig(target.kubeconfig, target.kubeContext, target.kubeNamespace);
    if (!written.ok())
        return written.error();
    return target;
}

} // namespace Sitrep::Test
