#include "ChannelSettingsDialog.h"

#include "SecretEntryDialog.h"
#include "comms/ChannelSecretCheck.h"
#include "secrets/SecretStore.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Sitrep::Ui {

using Sitrep::Comms::Channel;
using Sitrep::Core::makeError;

namespace {
enum Column { Id, Plugin, Name, Config, ColumnCount };
} // namespace

ChannelSettingsDialog::ChannelSettingsDialog(const QList<Channel> &channels,
                                             const QHash<QString, QStringList> &plugins,
                                             Sitrep::Secrets::SecretStore *store, QWidget *parent)
    : QDialog(parent)
    , m_plugins(plugins)
    , m_store(store)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_error(new QLabel(this))
{
    setWindowTitle(QStringLiteral("Update channels"));
    auto *layout = new QVBoxLayout(this);
    m_table->setHorizontalHeaderLabels({QStringLiteral("Id"), QStringLiteral("Plugin"),
                                        QStringLiteral("Name"), QStringLiteral("Settings (JSON)")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_table, 1);
    auto *row = new QHBoxLayout;
    auto *pluginChoice = new QComboBox(this);
    QStringList ids = plugins.keys();
    ids.sort();
    pluginChoice->addItems(ids);
    auto *add = new QPushButton(QStringLiteral("&Add"), this);
    auto *remove = new QPushButton(QStringLiteral("&Remove"), this);
    auto *secrets = new QPushButton(QStringLiteral("Enter &secrets\u2026"), this);
    secrets->setEnabled(store != nullptr);
    row->addWidget(pluginChoice);
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch(1);
    row->addWidget(secrets);
    layout->addLayout(row);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(add, &QPushButton::clicked, this,
            [this, pluginChoice] { addChannel(pluginChoice->currentText()); });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            m_table->removeRow(m_table->currentRow());
    });
    connect(secrets, &QPushButton::clicked, this, &ChannelSettingsDialog::enterSecrets);
    connect(buttons, &QDialogButtonBox::accepted, this, &ChannelSettingsDialog::tryAccept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const auto &c : channels)
        addRow(c);
    resize(900, 360);
}

void ChannelSettingsDialog::addRow(const Channel &c)
{
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    m_table->setItem(r, Id, new QTableWidgetItem(c.id));
    m_table->setItem(r, Plugin, new QTableWidgetItem(c.plugin));
    m_table->setItem(r, Name, new QTableWidgetItem(c.name));
    m_table->setItem(
        r, Config,
        new QTableWidgetItem(QString::fromUtf8(QJsonDocument(c.config).toJson(QJsonDocument::Compact))));
}

void ChannelSettingsDialog::addChannel(const QString &plugin)
{
    // A new channel starts with its plugin's keys; secret ones already point at a keychain name.
    QString id = plugin;
    for (int n = 2; !m_table->findItems(id, Qt::MatchExactly).isEmpty(); ++n)
        id = QStringLiteral("%1-%2").arg(plugin).arg(n);
    QJsonObject config;
    for (const auto &key : m_plugins.value(plugin)) {
        if (key.endsWith(QLatin1String("Secret")))
            config.insert(key, QStringLiteral("%1-%2").arg(id, key.chopped(6).toLower()));
        else if (key != QLatin1String("headers") && key != QLatin1String("headerSecrets") &&
                 key != QLatin1String("componentIds") && key != QLatin1String("impactBySeverity"))
            config.insert(key, QString());
    }
    addRow({id, plugin, {}, config});
    m_table->setCurrentCell(m_table->rowCount() - 1, Id);
}

Sitrep::Core::Result<QList<Channel>> ChannelSettingsDialog::channels() const
{
    QList<Channel> out;
    QStringList seen;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        auto text = [this, r](int col) {
            return m_table->item(r, col) ? m_table->item(r, col)->text().trimmed() : QString();
        };
        const QString where = QStringLiteral("row %1").arg(r + 1);
        Channel c{text(Id), text(Plugin), text(Name), {}};
        if (c.id.isEmpty())
            return makeError(QStringLiteral("a channel needs an id"), where + QStringLiteral(", id"));
        if (seen.contains(c.id))
            return makeError(QStringLiteral("the id \"%1\" is used twice").arg(c.id),
                             where + QStringLiteral(", id"));
        seen << c.id;
        if (!m_plugins.contains(c.plugin))
            return makeError(QStringLiteral("no plugin \"%1\" is loaded (loaded: %2)")
                                 .arg(c.plugin, QStringList(m_plugins.keys()).join(QStringLiteral(", "))),
                             where + QStringLiteral(", plugin"));
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(text(Config).toUtf8(), &err);
        if (!text(Config).isEmpty() && (err.error != QJsonParseError::NoError || !doc.isObject()))
            return makeError(QStringLiteral("settings must be a JSON object (%1)").arg(err.errorString()),
                             where + QStringLiteral(", settings"));
        c.config = doc.object();
        if (const QString key = Sitrep::Comms::ChannelSecretCheck::findPlainSecret(c.config);
            !key.isEmpty()) {
            // Name the keychain reference that replaces it: "urlSecret" for "url", "headerSecrets" for a
            // header.
            const QString reference =
                key.startsWith(QLatin1String("headers."))
                    ? QStringLiteral("\"headerSecrets\": {\"%1\": <name>}").arg(key.mid(8))
                    : QStringLiteral("\"%1Secret\"").arg(key.section(QLatin1Char('.'), 0, 0));
            return makeError(
                QStringLiteral(
                    "\"%1\" holds a secret: keep it in the keychain and refer to it by name with %2")
                    .arg(key, reference),
                where + QStringLiteral(", settings"));
        }
        out << c;
    }
    return out;
}

void ChannelSettingsDialog::tryAccept()
{
    const auto r = channels();
    if (!r) {
        m_error->setText(r.error().text());
        return;
    }
    accept();
}

void ChannelSettingsDialog::enterSecrets()
{
    const auto r = channels();
    if (!r) {
        m_error->setText(r.error().text());
        return;
    }
    const int row = std::max(0, m_table->currentRow());
    if (!m_store || row >= r->size())
        return;
    const Channel &c = r->at(row);
    for (const auto &name : c.secretNames()) {
        SecretEntryDialog dialog(*m_store, name, QStringLiteral("%1 (%2)").arg(name, c.id), this);
        if (dialog.exec() != QDialog::Accepted)
            break;
    }
}

} // namespace Sitrep::Ui
