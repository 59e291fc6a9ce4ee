#include "EnvironmentBar.h"

#include "ClusterBar.h"
#include "SeverityPalette.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

EnvironmentBar::EnvironmentBar(QWidget *parent)
    : QToolBar(tr("Environment"), parent)
    , m_box(new QComboBox(this))
    , m_banner(new QLabel(this))
    , m_missing(new QLabel(this))
    , m_demo(new QPushButton(tr("Try the &demo"), this))
    , m_cluster(new ClusterBar(this))
{
    setObjectName(QStringLiteral("environmentBar"));
    setMovable(false);
    m_box->setObjectName(QStringLiteral("environmentBox"));
    m_box->setToolTip(tr("Switch environment: cluster context, Prometheus and Alertmanager together"));
    m_banner->setObjectName(QStringLiteral("environmentBanner"));
    m_missing->setObjectName(QStringLiteral("environmentMissing"));
    m_demo->setObjectName(QStringLiteral("environmentDemo"));
    m_boxAction = addWidget(m_box);
    addWidget(m_banner);
    m_clusterAction = addWidget(m_cluster);
    m_clusterAction->setVisible(false);
    m_missingAction = addWidget(m_missing);
    m_demoAction = addWidget(m_demo);
    addAction(tr("Connections\u2026"), this, &EnvironmentBar::settingsRequested);
    connect(m_box, &QComboBox::currentTextChanged, this, [this](const QString &name) {
        if (!m_filling && !name.isEmpty())
            emit environmentChosen(name);
    });
    connect(m_demo, &QPushButton::clicked, this, &EnvironmentBar::demoRequested);
    showActive({});
}

void EnvironmentBar::setEnvironments(const QList<Environment> &environments, const QString &active)
{
    m_filling = true;
    m_box->clear();
    for (const Environment &e : environments)
        m_box->addItem(e.name);
    m_box->setCurrentText(active);
    m_boxAction->setVisible(environments.size() > 1);
    m_filling = false;
}

void EnvironmentBar::showActive(const Environment &e)
{
    if (e.name.isEmpty()) {
        m_banner->setText(tr(" No environment "));
        m_banner->setStyleSheet(
            QStringLiteral("padding:3px 8px;background:#546e7a;color:#fff;font-weight:bold;"));
    } else {
        const QColor bg(e.colour.isEmpty() ? QStringLiteral("#c62828") : e.colour);
        QStringList parts{e.name.toUpper()};
        if (e.hasCluster())
            parts << (e.contexts().size() > 1
                          ? tr("contexts %1").arg(e.contexts().join(QStringLiteral(" + ")))
                          : tr("context %1").arg(e.kubeContext));
        if (e.hasPrometheus())
            parts << e.prometheusUrl;
        if (e.hasPrometheus() && e.prometheusSkipVerify)
            parts << tr("\u26a0 Prometheus TLS not verified");
        m_banner->setText(parts.join(QStringLiteral(" \u00b7 ")));
        m_banner->setStyleSheet(QStringLiteral("padding:3px 8px;background:%1;color:%2;font-weight:bold;")
                                    .arg(bg.name(), SeverityPalette::textOn(bg).name()));
    }
    const QStringList missing = e.missing();
    m_missing->setText(missing.join(QLatin1Char(' ')));
    m_missingAction->setVisible(!missing.isEmpty());
    m_demoAction->setVisible(!missing.isEmpty());
}

void EnvironmentBar::showCluster(Kube::ClusterConnection *connection)
{
    m_cluster->setConnection(connection);
    m_clusterAction->setVisible(connection != nullptr);
}

QString EnvironmentBar::bannerText() const
{
    return m_banner->text();
}

QString EnvironmentBar::missingText() const
{
    return m_missingAction->isVisible() ? m_missing->text() : QString();
}

} // namespace Sitrep::Ui
