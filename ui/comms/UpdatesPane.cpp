#include "UpdatesPane.h"

#include "CadencePanel.h"
#include "ChannelModel.h"
#include "DeliveryHistoryModel.h"
#include "FieldEditor.h"
#include "StockSentencesDialog.h"
#include "comms/Cadence.h"
#include "comms/DraftFiller.h"
#include "comms/Publisher.h"
#include "comms/UpdateComposer.h"
#include "core/IncidentSession.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeView>

namespace Sitrep::Ui {

using Sitrep::Comms::TextFormat;
using Sitrep::Core::Status;

namespace {
constexpr TextFormat kFormats[] = {TextFormat::Plain, TextFormat::Markdown, TextFormat::Slack};
}

UpdatesPane::UpdatesPane(Sitrep::Core::IncidentSession &session, Sitrep::Comms::Publisher &publisher,
                         Sitrep::Comms::Cadence &cadence, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_publisher(publisher)
    , m_cadence(cadence)
    , m_statusButtons(new QButtonGroup(this))
    , m_cadencePanel(new CadencePanel(cadence, session.author(), this))
    , m_message(new QLabel(this))
    , m_templateCombo(new QComboBox(this))
    , m_fields(new FieldEditor(this))
    , m_channels(new ChannelModel(publisher, this))
    , m_channelView(new QListView(this))
    , m_publishButton(new QPushButton(QStringLiteral("&Publish update"), this))
    , m_previewTabs(new QTabWidget(this))
    , m_history(new DeliveryHistoryModel(publisher, this))
    , m_historyView(new QTreeView(this))
    , m_retryButton(new QPushButton(QStringLiteral("Re&try selected channel"), this))
{
    setObjectName(QStringLiteral("updatesPane"));
    auto *layout = new QVBoxLayout(this);

    // Lifecycle: each button sets the status and prefills the update that announces it.
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(new QLabel(QStringLiteral("Status:"), this));
    const std::pair<Status, QString> statuses[] = {{Status::Investigating, QStringLiteral("&Investigating")},
                                                   {Status::Identified, QStringLiteral("I&dentified")},
                                                   {Status::Monitoring, QStringLiteral("&Monitoring")},
                                                   {Status::Resolved, QStringLiteral("&Resolved")}};
    for (const auto &[status, label] : statuses) {
        auto *b = new QPushButton(label, this);
        b->setCheckable(true);
        b->setObjectName(QStringLiteral("status_") + Sitrep::Core::statusName(status));
        m_statusButtons->addButton(b, static_cast<int>(status));
        statusRow->addWidget(b);
    }
    m_statusButtons->setExclusive(true);
    statusRow->addStretch(1);
    layout->addLayout(statusRow);
    layout->addWidget(m_cadencePanel);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setVisible(false);
    layout->addWidget(m_message);

    // Left: compose. Right: preview and history.
    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *compose = new QWidget(split);
    auto *cl = new QVBoxLayout(compose);
    cl->setContentsMargins(0, 0, 0, 0);
    auto *templateRow = new QHBoxLayout;
    auto *templateLabel = new QLabel(QStringLiteral("T&emplate:"), compose);
    templateLabel->setBuddy(m_templateCombo);
    templateRow->addWidget(templateLabel);
    templateRow->addWidget(m_templateCombo, 1);
    auto *refillButton = new QPushButton(QStringLiteral("Re&fill"), compose);
    refillButton->setToolTip(QStringLiteral("Fill the fields again from the incident"));
    templateRow->addWidget(refillButton);
    auto *sentencesButton = new QPushButton(QStringLiteral("Sentences…"), compose);
    sentencesButton->setObjectName(QStringLiteral("editSentences"));
    sentencesButton->setToolTip(QStringLiteral("Edit the sentence each status opens an update with"));
    templateRow->addWidget(sentencesButton);
    cl->addLayout(templateRow);
    auto *scroll = new QScrollArea(compose);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_fields);
    scroll->setFrameShape(QFrame::NoFrame);
    cl->addWidget(scroll, 3);
    cl->addWidget(new QLabel(QStringLiteral("Channels:"), compose));
    m_channelView->setModel(m_channels);
    m_channelView->setMaximumHeight(110);
    m_channelView->setAccessibleName(QStringLiteral("Channels"));
    cl->addWidget(m_channelView, 1);
    m_publishButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_publishButton->setToolTip(QStringLiteral("Publish to the checked channels (Ctrl+Enter)"));
    cl->addWidget(m_publishButton);

    auto *right = new QSplitter(Qt::Vertical, split);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const auto f : kFormats) {
        auto *view = new QPlainTextEdit(m_previewTabs);
        view->setReadOnly(true);
        view->setFont(mono);
        view->setObjectName(QStringLiteral("preview_") + Sitrep::Comms::UpdateRenderer::formatName(f));
        m_previews << view;
    }
    m_previewTabs->addTab(m_previews[0], QStringLiteral("Plain text"));
    m_previewTabs->addTab(m_previews[1], QStringLiteral("Markdown"));
    m_previewTabs->addTab(m_previews[2], QStringLiteral("Slack"));
    // Which channels send which text, so "what you see is what is sent" holds for each of them.
    m_previewTabs->setTabToolTip(
        0, QStringLiteral("Sent by the file channel (plain) and in the webhook's \"text\"; "
                          "Statuspage gets it without the first line, which names the incident"));
    m_previewTabs->setTabToolTip(1,
                                 QStringLiteral("Sent by Mattermost, the file channel (markdown) and in the "
                                                "webhook's \"markdown\""));
    m_previewTabs->setTabToolTip(
        2, QStringLiteral("Sent to Slack as the message text; the channel shows the first "
                          "line as a header block and the rest as sections"));
    right->addWidget(m_previewTabs);
    auto *historyBox = new QWidget(right);
    auto *hl = new QVBoxLayout(historyBox);
    hl->setContentsMargins(0, 0, 0, 0);
    hl->addWidget(new QLabel(QStringLiteral("Sent updates:"), historyBox));
    m_historyView->setModel(m_history);
    m_historyView->setUniformRowHeights(true);
    m_historyView->setAlternatingRowColors(true);
    m_historyView->header()->setStretchLastSection(true);
    m_historyView->header()->setSectionResizeMode(DeliveryHistoryModel::TimeOrChannel,
                                                  QHeaderView::ResizeToContents);
    m_historyView->header()->setSectionResizeMode(DeliveryHistoryModel::HeadingOrState,
                                                  QHeaderView::ResizeToContents);
    m_historyView->setAccessibleName(QStringLiteral("Sent updates"));
    hl->addWidget(m_historyView, 1);
    m_retryButton->setEnabled(false);
    hl->addWidget(m_retryButton);
    right->addWidget(historyBox);
    split->addWidget(compose);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);

    connect(m_statusButtons, &QButtonGroup::idClicked, this,
            [this](int id) { applyStatus(static_cast<Status>(id)); });
    connect(m_templateCombo, &QComboBox::currentIndexChanged, this, [this] { refill(); });
    connect(refillButton, &QPushButton::clicked, this, &UpdatesPane::refill);
    connect(sentencesButton, &QPushButton::clicked, this, &UpdatesPane::editSentences);
    connect(m_fields, &FieldEditor::valuesChanged, this, &UpdatesPane::updatePreview);
    connect(m_publishButton, &QPushButton::clicked, this, [this] { (void)publish(); });
    connect(m_retryButton, &QPushButton::clicked, this, &UpdatesPane::retrySelected);
    connect(m_cadencePanel, &CadencePanel::message, this, &UpdatesPane::showMessage);
    connect(&m_session, &Sitrep::Core::IncidentSession::incidentChanged, this,
            &UpdatesPane::syncStatusButtons);
    connect(m_history, &QAbstractItemModel::rowsInserted, m_historyView,
            [this] { m_historyView->expandAll(); });
    connect(m_history, &QAbstractItemModel::dataChanged, this, [this] {
        const QModelIndex i = m_historyView->currentIndex();
        const int state = i.data(DeliveryHistoryModel::StateRole).toInt();
        m_retryButton->setEnabled(i.parent().isValid() &&
                                  (state == int(Sitrep::Comms::DeliveryState::Failed) ||
                                   state == int(Sitrep::Comms::DeliveryState::Retrying)));
    });
    connect(m_historyView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &i) {
                const int state = i.data(DeliveryHistoryModel::StateRole).toInt();
                m_retryButton->setEnabled(i.parent().isValid() &&
                                          (state == int(Sitrep::Comms::DeliveryState::Failed) ||
                                           state == int(Sitrep::Comms::DeliveryState::Retrying)));
            });

    setTemplates(Sitrep::Comms::TemplateLibrary());
    m_historyView->expandAll();
    syncStatusButtons();
}

void UpdatesPane::setTemplates(const Sitrep::Comms::TemplateLibrary &templates)
{
    m_templates = templates;
    const QString keep = currentTemplate();
    {
        const QSignalBlocker block(m_templateCombo);
        m_templateCombo->clear();
        for (const auto &t : m_templates.templates())
            m_templateCombo->addItem(t.title(), t.name());
    }
    const QString suggested =
        m_templates.suggestedFor(m_session.incident().status(), m_session.incident().updatesPublished());
    selectTemplate(keep.isEmpty() ? suggested : keep);
    refill();
}

void UpdatesPane::setStockSentences(const Sitrep::Comms::StockSentences &sentences)
{
    m_sentences = sentences;
}

void UpdatesPane::setUpdatesLink(const QString &link)
{
    m_updatesLink = link;
}

void UpdatesPane::reloadChannels()
{
    m_channels->reload();
}

QString UpdatesPane::currentTemplate() const
{
    return m_templateCombo->currentData().toString();
}

void UpdatesPane::selectTemplate(const QString &name)
{
    const int i = m_templateCombo->findData(name);
    if (i >= 0 && i != m_templateCombo->currentIndex()) {
        const QSignalBlocker block(m_templateCombo);
        m_templateCombo->setCurrentIndex(i);
    }
}

void UpdatesPane::refill()
{
    const auto t = m_templates.find(currentTemplate());
    if (!t)
        return;
    Sitrep::Comms::DraftFiller::Context ctx;
    ctx.incident = &m_session.incident();
    ctx.now = m_session.clock().now();
    ctx.nextUpdate = m_cadence.nextUpdateIfPublishedAt(ctx.now);
    ctx.updatesLink = m_updatesLink;
    ctx.sentences = m_sentences;
    ctx.lastDraft = Sitrep::Comms::DraftFiller::lastPublishedFields(m_session.journal().events());
    // What is typed now wins over the last published update.
    const auto typed = m_fields->values();
    for (auto it = typed.cbegin(); it != typed.cend(); ++it) {
        if (!it.value().trimmed().isEmpty())
            ctx.lastDraft.insert(it.key(), it.value());
    }
    m_fields->setTemplate(*t, Sitrep::Comms::DraftFiller::fill(*t, ctx));
}

void UpdatesPane::applyStatus(Status status)
{
    if (m_session.incident().status() != status) {
        if (const auto r = m_session.setStatus(status); !r) {
            showMessage(r.error().text(), true);
            syncStatusButtons();
            return;
        }
    }
    selectTemplate(m_templates.suggestedFor(status, m_session.incident().updatesPublished()));
    refill();
    m_cadence.evaluate();
    showMessage(QStringLiteral("Status is %1: the update below is prefilled; check it and publish.")
                    .arg(Sitrep::Core::statusName(status).toUpper()),
                false);
}

void UpdatesPane::syncStatusButtons()
{
    if (auto *b = m_statusButtons->button(static_cast<int>(m_session.incident().status())))
        b->setChecked(true);
}

void UpdatesPane::updatePreview()
{
    const auto t = m_templates.find(currentTemplate());
    const auto values = m_fields->values();
    for (int i = 0; i < m_previews.size(); ++i)
        m_previews[i]->setPlainText(t ? Sitrep::Comms::UpdateRenderer::render(*t, values, kFormats[i])
                                      : QString());
}

QString UpdatesPane::preview(TextFormat format) const
{
    for (int i = 0; i < m_previews.size(); ++i) {
        if (kFormats[i] == format)
            return m_previews[i]->toPlainText();
    }
    return {};
}

QString UpdatesPane::messageText() const
{
    return m_message->text();
}

void UpdatesPane::showMessage(const QString &text, bool error)
{
    m_message->setText(error ? QStringLiteral("\u2716 ") + text : text);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { color: #c62828; font-weight: bold; }")
                                   : QString());
    m_message->setVisible(!text.isEmpty());
}

Sitrep::Core::Result<QString> UpdatesPane::publish()
{
    const auto t = m_templates.find(currentTemplate());
    if (!t)
        return Sitrep::Core::makeError(QStringLiteral("choose a template"));
    const QStringList channels = m_channels->checkedIds();
    if (channels.isEmpty()) {
        showMessage(QStringLiteral("Choose at least one channel to publish to."), true);
        return Sitrep::Core::makeError(QStringLiteral("choose at least one channel to publish to"));
    }
    const auto update = Sitrep::Comms::UpdateComposer::compose(*t, m_fields->values());
    auto r = m_publisher.publish(update, channels, m_session.author());
    if (!r) {
        showMessage(r.error().text(), true);
        return r;
    }
    m_cadence.evaluate();
    showMessage(QStringLiteral("Update published to %1.").arg(channels.join(QStringLiteral(", "))), false);
    // The next draft starts from this one, with a fresh "next update" time.
    if (t->name() == QLatin1String("initial"))
        selectTemplate(
            m_templates.suggestedFor(m_session.incident().status(), m_session.incident().updatesPublished()));
    refill();
    return r;
}

void UpdatesPane::editSentences()
{
    StockSentencesDialog dialog(m_sentences, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Status status = m_session.incident().status();
    const QString before = m_sentences.sentence(status);
    m_sentences = dialog.sentences();
    emit stockSentencesEdited(m_sentences);
    // The message follows the new sentence only while it still holds the old stock text.
    if (m_fields->values().value(QStringLiteral("message")) == before)
        m_fields->setValue(QStringLiteral("message"), m_sentences.sentence(status));
}

void UpdatesPane::retrySelected()
{
    const QModelIndex i = m_historyView->currentIndex();
    if (!i.parent().isValid())
        return;
    const auto r =
        m_publisher.retryNow(i.data(DeliveryHistoryModel::UpdateIdRole).toString(),
                             i.data(DeliveryHistoryModel::ChannelRole).toString(), m_session.author());
    if (!r)
        showMessage(r.error().text(), true);
}

} // namespace Sitrep::Ui
