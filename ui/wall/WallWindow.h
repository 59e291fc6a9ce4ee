#pragma once

#include "core/IncidentDigest.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class QGridLayout;
class QLabel;

namespace Sitrep::Core {
class IncidentFile;
class Journal;
} // namespace Sitrep::Core

namespace Sitrep::Ui {

class ElidedLabel;
class WallTile;

// The war-room wall display: read from five metres, no mouse. A header band in the severity colour,
// then large tiles (pods, charts, alerts, latest timeline, runbook progress). Everything comes from the
// journal, so a follower on another PC shows the same; live sources (pod counts, charts, the update
// countdown) can be plugged in by the composition root when running in the commander's process.
// The journal is read once when an incident opens; after that only the events it announces are folded in,
// and the one-second tick only redraws what depends on the time.
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
    // 2-4 key charts (any widget; the Qt Charts views inside are drawn in the wall's colours by
    // restyleCharts()).
    void addChart(QWidget *chart);
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
    // Events read from the journal since the incident was opened (each once).
    qint64 eventsRead() const { return m_eventsRead; }
    const Sitrep::Core::IncidentDigest &digest() const { return m_digest; }

public slots:
    void refresh();
    // The charts in the wall's dark colours, their labels sized for five metres and never overlapping.
    // Chart widgets may rebuild their axes when new data comes: call this after (the tick does, too).
    void restyleCharts();

signals:
    // After every redraw of the tiles (the one-second tick, a new event).
    void refreshed();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyScale();
    void rotate();
    void layOutCharts();
    void attachJournal();
    void takeEvents(const QList<Sitrep::Core::TimelineEvent> &events);

    Sitrep::Core::IncidentFile &m_file;
    QWidget *m_band;
    QLabel *m_severity;
    ElidedLabel *m_title;
    ElidedLabel *m_meta;
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
    QPointer<Sitrep::Core::Journal> m_journal;
    QMetaObject::Connection m_journalConnection;
    QMetaObject::Connection m_reorderConnection;
    qint64 m_lastEventId = 0;
    qint64 m_firstReadId = 0; // the highest id of the first read: announcements up to it are known
    qint64 m_eventsRead = 0;
    QTimer m_tick;
    QTimer m_rotation;
    int m_layoutIndex = 0;
    bool m_countdownOverdue = false;
    int m_staleAfterSecs = 90;
    double m_scale = 1.0;
    qint64 m_lastRefreshMs = 0;
};

} // namespace Sitrep::Ui
