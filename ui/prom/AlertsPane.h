#pragma once

#include "prom/PromTypes.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Sitrep::Core {
class IncidentSession;
}
namespace Sitrep::Prom {
class AlertJournaler;
class AlertmanagerClient;
class PromClient;
} // namespace Sitrep::Prom

namespace Sitrep::Ui {

class AlertsModel;
class SilencesModel;
class SilencesView;

// The alerts pane: what fires and what is pending, from Prometheus and Alertmanager, polled; the runbook of
// the selected alert; silencing it for a while (after showing the exact request and asking) and expiring a
// silence (from the list of active silences), both recorded in the timeline. New firing and resolved alerts
// go to the journal through an AlertJournaler.
class AlertsPane final : public QWidget
{
    Q_OBJECT
public:
    // Either client may be null (no Prometheus or no Alertmanager configured).
    AlertsPane(Sitrep::Prom::PromClient *prom, Sitrep::Prom::AlertmanagerClient *alertmanager,
               QWidget *parent = nullptr);
    ~AlertsPane() override;

    // Another Alertmanager, or none (null): silencing and the silences list follow.
    void setAlertmanager(Sitrep::Prom::AlertmanagerClient *alertmanager);
    void setIncidentSession(Sitrep::Core::IncidentSession *session);
    // alertname -> runbook path or URL, for alerts without a runbook_url annotation.
    void setRunbooks(const QHash<QString, QString> &runbooks);
    void setPollIntervalMs(int ms);
    // Asked before a silence is created or expired; the default shows a dialog. Tests answer directly.
    void setConfirmer(std::function<bool(const QString &title, const QString &text)> confirmer);

    void refresh();
    // Silences the selected alert (all its labels) for durationMs. Returns false when nothing is selected or
    // the user declined; the outcome arrives as silenceCreated / an error sentence in the pane.
    bool silenceSelected(qint64 durationMs, const QString &comment);
    bool expireSilence(const QString &silenceId);
    void openSelectedRunbook();

    AlertsModel *model() const { return m_model; }
    SilencesModel *silences() const { return m_silences; }
    SilencesView *silencesView() const { return m_silencesView; }
    QTableView *view() const { return m_view; }
    QString errorText() const;

signals:
    void refreshed();
    void runbookRequested(const QString &alertName, const QString &runbook);
    void silenceCreated(const QString &silenceId);
    void silenceExpired(const QString &silenceId);
    void actionFailed(const QString &sentence);

private:
    void answered();
    int selectedRow() const;
    void recordAction(const QString &summary, const QJsonObject &payload);

    QPointer<Sitrep::Prom::PromClient> m_prom;
    QPointer<Sitrep::Prom::AlertmanagerClient> m_am;
    QPointer<Sitrep::Core::IncidentSession> m_session;
    Sitrep::Prom::AlertJournaler *m_journaler = nullptr;
    QHash<QString, QString> m_runbooks;
    std::function<bool(const QString &, const QString &)> m_confirm;
    AlertsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QPushButton *m_runbookButton;
    QPushButton *m_silenceButton;
    SilencesModel *m_silences;
    SilencesView *m_silencesView;
    QLabel *m_error;
    QLabel *m_status;
    QTimer m_poll;
    int m_outstanding = 0;
    int m_pollGeneration = 0;
    QStringList m_errors;
};

} // namespace Sitrep::Ui
