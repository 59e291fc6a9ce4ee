#include "CommsPaneHost.h"

#include "UpdatesPane.h"
#include "comms/Cadence.h"
#include "comms/Publisher.h"
#include "core/IncidentFile.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Sitrep::Ui {

CommsPaneHost::CommsPaneHost(Sitrep::Core::IncidentFile &file, QWidget *parent)
    : QWidget(parent)
    , m_file(file)
    , m_placeholder(new QLabel(QStringLiteral("Open or declare an incident to draft updates."), this))
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("commsPaneHost"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_layout->addWidget(m_placeholder);
    connect(&m_file, &Sitrep::Core::IncidentFile::incidentOpened, this, &CommsPaneHost::onOpened);
    connect(&m_file, &Sitrep::Core::IncidentFile::incidentClosed, this, &CommsPaneHost::onClosed);
    if (m_file.isOpen())
        onOpened();
}

CommsPaneHost::~CommsPaneHost()
{
    // The pane refers to the publisher and cadence: it goes first.
    delete m_pane;
}

void CommsPaneHost::onClosed()
{
    delete m_pane;
    m_publisher.reset();
    m_cadence.reset();
    m_placeholder->show();
    emit cadenceChanged(nullptr);
}

void CommsPaneHost::onOpened()
{
    onClosed();
    if (!m_file.isOpen() || !m_file.session())
        return;
    Sitrep::Core::Journal &journal = *m_file.journal();
    m_cadence = std::make_unique<Sitrep::Comms::Cadence>(journal, m_file.clock());
    m_cadence->setPolicy(m_policy);
    m_cadence->setEscalationPolicy(m_escalation);
    m_publisher = std::make_unique<Sitrep::Comms::Publisher>(journal, m_file.clock());
    for (auto *n : m_notifiers)
        m_publisher->registerNotifier(n);
    m_publisher->setChannels(m_channels);
    auto *pane = new UpdatesPane(*m_file.session(), *m_publisher, *m_cadence, this);
    pane->setStockSentences(m_sentences);
    pane->setUpdatesLink(m_updatesLink);
    pane->setTemplates(m_templates);
    connect(pane, &UpdatesPane::stockSentencesEdited, this, [this](const Sitrep::Comms::StockSentences &s) {
        m_sentences = s;
        emit stockSentencesEdited(s);
    });
    m_pane = pane;
    m_placeholder->hide();
    m_layout->addWidget(pane);
    m_cadence->start(1000);
    m_publisher->start(1000); // replayed outbox entries go out now
    emit cadenceChanged(m_cadence.get());
}

void CommsPaneHost::setNotifiers(const QList<Sitrep::Comms::NotifierInterface *> &notifiers)
{
    m_notifiers = notifiers;
    if (m_publisher) {
        for (auto *n : notifiers)
            m_publisher->registerNotifier(n);
        m_publisher->processDue();
        if (m_pane)
            m_pane->reloadChannels();
    }
}

void CommsPaneHost::setChannels(const QList<Sitrep::Comms::Channel> &channels)
{
    m_channels = channels;
    if (m_publisher)
        m_publisher->setChannels(channels);
    if (m_pane)
        m_pane->reloadChannels();
}

void CommsPaneHost::setTemplates(const Sitrep::Comms::TemplateLibrary &templates)
{
    m_templates = templates;
    if (m_pane)
        m_pane->setTemplates(templates);
}

void CommsPaneHost::setCadencePolicy(const Sitrep::Comms::CadencePolicy &policy)
{
    m_policy = policy;
    if (m_cadence)
        m_cadence->setPolicy(policy);
}

void CommsPaneHost::setEscalationPolicy(const Sitrep::Comms::EscalationPolicy &policy)
{
    m_escalation = policy;
    if (m_cadence)
        m_cadence->setEscalationPolicy(policy);
}

void CommsPaneHost::setStockSentences(const Sitrep::Comms::StockSentences &sentences)
{
    m_sentences = sentences;
    if (m_pane)
        m_pane->setStockSentences(sentences);
}

void CommsPaneHost::setUpdatesLink(const QString &link)
{
    m_updatesLink = link;
    if (m_pane)
        m_pane->setUpdatesLink(link);
}

} // namespace Sitrep::Ui
