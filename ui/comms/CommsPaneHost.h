#pragma once

#include "comms/CadencePolicy.h"
#include "comms/Channel.h"
#include "comms/EscalationPolicy.h"
#include "comms/StockSentences.h"
#include "comms/TemplateLibrary.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QVBoxLayout;

namespace Sitrep::Core {
class IncidentFile;
}
namespace Sitrep::Comms {
class Cadence;
class NotifierInterface;
class Publisher;
} // namespace Sitrep::Comms

namespace Sitrep::Ui {

class UpdatesPane;

// Holds the updates pane of whichever incident is open: on every open it builds that incident's Cadence
// (ticking each second), Publisher (outbox replayed from the journal, retries ticking) and UpdatesPane,
// and drops them on close. The main window docks this once and hands cadence() to the header/wall.
class CommsPaneHost final : public QWidget
{
    Q_OBJECT
public:
    explicit CommsPaneHost(Sitrep::Core::IncidentFile &file, QWidget *parent = nullptr);
    ~CommsPaneHost() override;

    // Settings; applied now and to every incident opened later.
    void setNotifiers(const QList<Sitrep::Comms::NotifierInterface *> &notifiers);
    void setChannels(const QList<Sitrep::Comms::Channel> &channels);
    void setTemplates(const Sitrep::Comms::TemplateLibrary &templates);
    void setCadencePolicy(const Sitrep::Comms::CadencePolicy &policy);
    void setEscalationPolicy(const Sitrep::Comms::EscalationPolicy &policy);
    void setStockSentences(const Sitrep::Comms::StockSentences &sentences);
    void setUpdatesLink(const QString &link);

    Sitrep::Comms::Cadence *cadence() const { return m_cadence.get(); }
    Sitrep::Comms::Publisher *publisher() const { return m_publisher.get(); }
    UpdatesPane *pane() const { return m_pane; }

signals:
    // The countdown source changed (incident opened: the new one; closed: nullptr).
    void cadenceChanged(Sitrep::Comms::Cadence *cadence);
    // The commander edited the stock sentences in the pane: persist them in settings.
    void stockSentencesEdited(const Sitrep::Comms::StockSentences &sentences);

private:
    void onOpened();
    void onClosed();

    Sitrep::Core::IncidentFile &m_file;
    QList<Sitrep::Comms::NotifierInterface *> m_notifiers;
    QList<Sitrep::Comms::Channel> m_channels;
    Sitrep::Comms::TemplateLibrary m_templates;
    Sitrep::Comms::CadencePolicy m_policy = Sitrep::Comms::CadencePolicy::defaults();
    Sitrep::Comms::EscalationPolicy m_escalation;
    Sitrep::Comms::StockSentences m_sentences;
    QString m_updatesLink;

    std::unique_ptr<Sitrep::Comms::Cadence> m_cadence;
    std::unique_ptr<Sitrep::Comms::Publisher> m_publisher;
    QPointer<UpdatesPane> m_pane;
    QLabel *m_placeholder;
    QVBoxLayout *m_layout;
};

} // namespace Sitrep::Ui
