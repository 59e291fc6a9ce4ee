#pragma once

#include "core/IncidentDigest.h"

#include <QDateTime>
#include <QTimer>
#include <QWidget>

#include <functional>

class QGridLayout;
class QLabel;

namespace Sitrep::Core {
class IncidentFile;
}

namespace Sitrep::Ui {

class WallTile;

// The war-room wall display: read from five metres, no mouse. A header band in the severity colour,
// then large tiles (pods, charts, alerts, latest timeline, runbook progress). Everything comes from the
// journal, so a follower on another PC shows the same; live sources (pod counts, charts, the update
// countdown) can be plugged in by the composition root when running in the commander's process.
class WallWindow final : public QWidget
{
    Q_OBJECT
public:
    // The update countdown as the cadence states it; overdue shows as a red badge with a warning sign.
    struct Countdown
    {
        QString text;
        bool overdue = false;
    };

    explicit WallWindow(Sitrep::Core::IncidentFile &file, QWidget *parent = nullptr);

    // Fixed live pod counts (a provider that always answers these).
    void setLivePods(const Sitrep::Core::IncidentDigest::Pods &pods);
    // Live pods from the cluster, asked on every refresh (nullopt: no cluster; the journal's snapshot shows).
    void setPodsProvider(std::function<std::optional<Sitrep::Core::IncidentDigest::Pods>()> provider);
    void addChart(QWidget *chart); // 2-4 key charts
    void clearCharts();
    void setCountdownProvider(std::function<Countdown()> provider);
    void setStaleAfterSecs(int secs) { m_staleAfterSecs = secs; }
    void setRotationSecs(int secs); // 0 = off
    // Shows the window full screen on the screen with this name (remembered), or the primary one.
    void showOnScreen(const QString &screenName = {});

    double scale() const { return m_scale; }
    QList<WallTile *> tiles() const;
    QString headerText() const;
    QString staleText() const;
    bool countdownOverdue() const { return m_countdownOverdue; }

public slots:
    void refresh();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyScale();
    void rotate();
    void layOutCharts();
    QString podsHtml(const Sitrep::Core::IncidentDigest::Pods &pods) const;

    Sitrep::Core::IncidentFile &m_file;
    QWidget *m_band;
    QLabel *m_severity;
    QLabel *m_title;
    QLabel *m_meta;
    QLabel *m_countdown;
    QLabel *m_clock;
    QLabel *m_stale;
    WallTile *m_pods;
    WallTile *m_alerts;
    WallTile *m_timeline;
    WallTile *m_runbook;
    QList<WallTile *> m_charts;
    QGridLayout *m_grid;
    Sitrep::Core::IncidentDigest m_digest;
    std::function<Countdown()> m_countdownProvider;
    std::function<std::optional<Sitrep::Core::IncidentDigest::Pods>()> m_podsProvider;
    QTimer m_tick;
    QTimer m_rotation;
    int m_layoutIndex = 0;
    bool m_countdownOverdue = false;
    int m_staleAfterSecs = 90;
    double m_scale = 1.0;
    qint64 m_lastRefreshMs = 0;
};

} // namespace Sitrep::Ui
