#include "AlertsPane.h"

#include "AlertsModel.h"
#include "SilencesModel.h"
#include "SilencesView.h"
#include "core/IncidentSession.h"
#include "prom/AlertJournaler.h"
#include "prom/AlertmanagerClient.h"
#include "prom/PromClient.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Sitrep::Ui {

using namespace Sitrep::Prom;

AlertsPane::AlertsPane(PromClient *prom, AlertmanagerClient *alertmanager, QWidget *parent)
    : QWidget(parent)
    , m_prom(prom)
    , m_am(alertmanager)
    , m_model(new AlertsModel(nullptr, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_runbookButton(new QPushButton(QStringLiteral("Open &runbook"), this))
    , m_silenceButton(new QPushButton(QStringLiteral("&Silence 1h..."), this))
    , m_silences(new SilencesModel(this))
    , m_silencesView(new SilencesView(m_silences, this))
    , m_error(new QLabel(this))
    , m_status(new QLabel(this))
{
    m_confirm = [this](const QString &title, const QString &text) {
        return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel) == QMessageBox::Yes;
    };
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    m_filter->setPlaceholderText(QStringLiteral("Filter alerts (name, label, summary)"));
    m_filter->setClearButtonEnabled(true);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_runbookButton);
    bar->addWidget(m_silenceButton);
    auto *refreshButton = new QPushButton(QStringLiteral("Re&fresh"), this);
    bar->addWidget(refreshButton);
    layout->addLayout(bar);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_error->hide();
    layout->addWidget(m_error);

    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(AlertsModel::SeverityRankRole);
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(AlertsModel::SeverityColumn, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    // Alerts are few: columns fit their text, the summary takes the rest.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(AlertsModel::SummaryColumn, QHeaderView::Stretch);
    m_view->setWordWrap(false);
    // Silences below the alerts they mute; the splitter lets a commander give the alerts the room.
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_silencesView);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_runbookButton, &QPushButton::clicked, this, &AlertsPane::openSelectedRunbook);
    connect(m_view, &QTableView::activated, this, &AlertsPane::openSelectedRunbook);
    connect(m_silenceButton, &QPushButton::clicked, this,
            [this] { silenceSelected(3600000, QStringLiteral("Silenced from Sitrep during the incident")); });
    connect(refreshButton, &QPushButton::clicked, this, &AlertsPane::refresh);
    connect(m_silencesView, &SilencesView::expireRequested, this, &AlertsPane::expireSilence);
    setAlertmanager(alertmanager);
    connect(&m_poll, &QTimer::timeout, this, &AlertsPane::refresh);
}

AlertsPane::~AlertsPane() = default;

void AlertsPane::setAlertmanager(AlertmanagerClient *alertmanager)
{
    // A replaced client aborts its calls without answering: the poll in flight is forgotten, not waited for.
    ++m_pollGeneration;
    m_outstanding = 0;
    m_am = alertmanager;
    m_silenceButton->setEnabled(m_am != nullptr);
    m_silencesView->setVisible(m_am != nullptr);
    if (!m_am) {
        m_silences->setSilences({});
        m_model->setAlerts(QStringLiteral("alertmanager"), {});
    }
}

void AlertsPane::setIncidentSession(Core::IncidentSession *session)
{
    m_session = session;
    delete m_journaler;
    m_journaler = nullptr;
    if (session) {
        m_journaler = new AlertJournaler(*session, this);
        m_journaler->setRunbooks(m_runbooks);
        connect(m_journaler, &AlertJournaler::failed, this,
                [this](const QString &s) { m_status->setText(s); });
    }
}

void AlertsPane::setRunbooks(const QHash<QString, QString> &runbooks)
{
    m_runbooks = runbooks;
    m_model->setRunbooks(runbooks);
    if (m_journaler)
        m_journaler->setRunbooks(runbooks);
}

void AlertsPane::setPollIntervalMs(int ms)
{
    if (ms > 0)
        m_poll.start(ms);
    else
        m_poll.stop();
}

void AlertsPane::setConfirmer(std::function<bool(const QString &, const QString &)> confirmer)
{
    m_confirm = std::move(confirmer);
}

QString AlertsPane::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void AlertsPane::refresh()
{
    if (m_outstanding > 0)
        return; // the previous poll is still out
    m_errors.clear();
    // Answers to a poll made before the clients changed are dropped (see setAlertmanager).
    const int generation = m_pollGeneration;
    if (m_prom && !m_prom->config().url.isEmpty()) {
        ++m_outstanding;
        m_prom->alerts(this, [this, generation](Core::Result<QList<Alert>> r) {
            if (generation != m_pollGeneration)
                return;
            if (r) {
                m_model->setAlerts(QStringLiteral("prometheus"), *r);
                if (m_journaler)
                    m_journaler->update(QStringLiteral("prometheus"), *r);
            } else {
                m_errors << r.error().message;
            }
            answered();
        });
    }
    if (m_am) {
        ++m_outstanding;
        m_am->alerts({}, this, [this, generation](Core::Result<QList<Alert>> r) {
            if (generation != m_pollGeneration)
                return;
            if (r) {
                m_model->setAlerts(QStringLiteral("alertmanager"), *r);
                if (m_journaler)
                    m_journaler->update(QStringLiteral("alertmanager"), *r);
            } else {
                m_errors << r.error().message;
            }
            answered();
        });
        ++m_outstanding;
        m_am->silences(this, [this, generation](Core::Result<QList<Silence>> r) {
            if (generation != m_pollGeneration)
                return;
            if (r)
                m_silences->setSilences(*r);
            else
                m_errors << r.error().message;
            answered();
        });
    }
    if (m_outstanding == 0) {
        m_error->setText(QStringLiteral(
            "No Prometheus or Alertmanager is configured: add one in the connection settings."));
        m_error->show();
        emit refreshed();
    }
}

void AlertsPane::answered()
{
    if (--m_outstanding > 0)
        return;
    if (m_errors.isEmpty()) {
        m_error->hide();
    } else {
        m_error->setText(m_errors.join(QLatin1Char('\n')) +
                         (m_poll.isActive() ? QStringLiteral("; retrying") : QString()));
        m_error->show();
    }
    m_status->setText(QStringLiteral("%1 firing, %2 alerts in all; updated %3")
                          .arg(m_model->firingCount())
                          .arg(m_model->rowCount())
                          .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"))));
    emit refreshed();
}

int AlertsPane::selectedRow() const
{
    const auto rows = m_view->selectionModel() ? m_view->selectionModel()->selectedRows() : QModelIndexList();
    if (rows.isEmpty())
        return -1;
    return m_proxy->mapToSource(rows.first()).row();
}

void AlertsPane::openSelectedRunbook()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const QModelIndex i = m_model->index(row, 0);
    const QString runbook = i.data(AlertsModel::RunbookRole).toString();
    if (runbook.isEmpty()) {
        m_status->setText(
            QStringLiteral("No runbook is known for %1: add a runbook_url annotation to the rule, or a "
                           "runbook declaring this alert.")
                .arg(i.data(AlertsModel::AlertNameRole).toString()));
        return;
    }
    emit runbookRequested(i.data(AlertsModel::AlertNameRole).toString(), runbook);
}

void AlertsPane::recordAction(const QString &summary, const QJsonObject &payload)
{
    if (!m_session)
        return;
    const auto r = m_session->record(Core::EventKind::Action, summary, payload);
    if (!r)
        m_status->setText(QStringLiteral("Not written to the timeline: %1").arg(r.error().text()));
}

bool AlertsPane::silenceSelected(qint64 durationMs, const QString &comment)
{
    const int row = selectedRow();
    if (row < 0 || !m_am)
        return false;
    const Alert a = m_model->alertAt(row);
    Silence s;
    for (auto it = a.labels.cbegin(); it != a.labels.cend(); ++it)
        s.matchers << Matcher{it.key(), it.value(), false, true};
    s.startsAtMs = QDateTime::currentMSecsSinceEpoch();
    s.endsAtMs = s.startsAtMs + durationMs;
    s.createdBy = m_session ? m_session->author() : QStringLiteral("sitrep");
    s.comment = comment;
    const QString request =
        QStringLiteral("POST %1/api/v2/silences\n%2")
            .arg(m_am->displayUrl(), QString::fromUtf8(AlertmanagerClient::silenceJson(s)));
    if (!m_confirm(QStringLiteral("Silence %1?").arg(a.name),
                   QStringLiteral("Alertmanager will not notify anyone about %1 for %2 minutes.\n\n%3")
                       .arg(a.name)
                       .arg(durationMs / 60000)
                       .arg(request)))
        return false;
    const QString name = a.name;
    m_am->createSilence(s, this, [this, name, request](Core::Result<QString> r) {
        if (!r) {
            const QString sentence = QStringLiteral("Silencing %1 failed: %2").arg(name, r.error().message);
            m_status->setText(sentence);
            recordAction(sentence, {{QStringLiteral("request"), request},
                                    {QStringLiteral("outcome"), QStringLiteral("failed")}});
            emit actionFailed(sentence);
            return;
        }
        recordAction(QStringLiteral("Silenced alert %1 in Alertmanager (silence %2)").arg(name, *r),
                     {{QStringLiteral("request"), request},
                      {QStringLiteral("silenceId"), *r},
                      {QStringLiteral("outcome"), QStringLiteral("ok")}});
        m_status->setText(QStringLiteral("Silenced %1 (silence %2)").arg(name, *r));
        emit silenceCreated(*r);
        refresh();
    });
    return true;
}

bool AlertsPane::expireSilence(const QString &silenceId)
{
    if (!m_am || silenceId.isEmpty())
        return false;
    const QString request = QStringLiteral("DELETE %1/api/v2/silence/%2").arg(m_am->displayUrl(), silenceId);
    if (!m_confirm(QStringLiteral("Expire silence?"),
                   QStringLiteral("Alerts matching this silence will notify again.\n\n%1").arg(request)))
        return false;
    m_am->expireSilence(silenceId, this, [this, silenceId, request](Core::Result<void> r) {
        const QString summary =
            r ? QStringLiteral("Expired Alertmanager silence %1").arg(silenceId)
              : QStringLiteral("Expiring silence %1 failed: %2").arg(silenceId, r.error().message);
        recordAction(summary,
                     {{QStringLiteral("request"), request},
                      {QStringLiteral("silenceId"), silenceId},
                      {QStringLiteral("outcome"), r ? QStringLiteral("ok") : QStringLiteral("failed")}});
        m_status->setText(summary);
        if (r) {
            emit silenceExpired(silenceId);
            refresh();
        } else {
            emit actionFailed(summary);
        }
    });
    return true;
}

} // namespace Sitrep::Ui
