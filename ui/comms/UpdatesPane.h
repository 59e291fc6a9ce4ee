#pragma once

#include "comms/StockSentences.h"
#include "comms/TemplateLibrary.h"
#include "comms/UpdateRenderer.h"
#include "core/Result.h"
#include "core/Status.h"

#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeView;
class QListView;

namespace Sitrep::Core {
class IncidentSession;
}
namespace Sitrep::Comms {
class Cadence;
class Publisher;
} // namespace Sitrep::Comms

namespace Sitrep::Ui {

class CadencePanel;
class ChannelModel;
class DeliveryHistoryModel;
class FieldEditor;

// Where the commander writes and sends stakeholder updates: status lifecycle buttons that also prefill
// the next update, template and channel choice, the fields, a live preview per channel format, Publish,
// and the history of sent updates with each channel's delivery state. Also the cadence countdown,
// snooze, reminders and escalation prompts.
class UpdatesPane final : public QWidget
{
    Q_OBJECT
public:
    UpdatesPane(Sitrep::Core::IncidentSession &session, Sitrep::Comms::Publisher &publisher,
                Sitrep::Comms::Cadence &cadence, QWidget *parent = nullptr);

    void setTemplates(const Sitrep::Comms::TemplateLibrary &templates);
    void setStockSentences(const Sitrep::Comms::StockSentences &sentences);
    void setUpdatesLink(const QString &link);
    void reloadChannels();

    QString currentTemplate() const;
    void selectTemplate(const QString &name);
    // Fills the fields again from the incident, the last update and what is typed now.
    void refill();
    // Publishes what the preview shows to the checked channels (the Publish button).
    Sitrep::Core::Result<QString> publish();
    // Sets the status (if it changes) and prefills the matching template (the lifecycle buttons).
    void applyStatus(Sitrep::Core::Status status);

    QString preview(Sitrep::Comms::TextFormat format) const;
    QString messageText() const;
    FieldEditor *fieldEditor() const { return m_fields; }
    ChannelModel *channelModel() const { return m_channels; }
    DeliveryHistoryModel *historyModel() const { return m_history; }
    CadencePanel *cadencePanel() const { return m_cadencePanel; }
    const Sitrep::Comms::StockSentences &stockSentences() const { return m_sentences; }

signals:
    // The commander edited the stock sentences (Sentences… button): persist them in settings.
    void stockSentencesEdited(const Sitrep::Comms::StockSentences &sentences);

private:
    void updatePreview();
    void syncStatusButtons();
    void showMessage(const QString &text, bool error);
    void retrySelected();
    void editSentences();

    Sitrep::Core::IncidentSession &m_session;
    Sitrep::Comms::Publisher &m_publisher;
    Sitrep::Comms::Cadence &m_cadence;
    Sitrep::Comms::TemplateLibrary m_templates;
    Sitrep::Comms::StockSentences m_sentences;
    QString m_updatesLink;

    QButtonGroup *m_statusButtons;
    CadencePanel *m_cadencePanel;
    QLabel *m_message;
    QComboBox *m_templateCombo;
    FieldEditor *m_fields;
    ChannelModel *m_channels;
    QListView *m_channelView;
    QPushButton *m_publishButton;
    QTabWidget *m_previewTabs;
    QList<QPlainTextEdit *> m_previews; // plain, markdown, slack
    DeliveryHistoryModel *m_history;
    QTreeView *m_historyView;
    QPushButton *m_retryButton;
};

} // namespace Sitrep::Ui
