#include "ConnectionDialog.h"

#include "PrometheusOptionsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

ConnectionDialog::ConnectionDialog(QList<Environment> environments, ConnectionTesters testers,
                                   QWidget *parent)
    : QDialog(parent)
    , m_environments(std::move(environments))
    , m_testers(std::move(testers))
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_colour(new QLineEdit(this))
    , m_kubeconfig(new QLineEdit(this))
    , m_context(new QComboBox(this))
    , m_otherContexts(new QLineEdit(this))
    , m_prometheus(new QLineEdit(this))
    , m_promToken(new QLineEdit(this))
    , m_alertmanager(new QLineEdit(this))
    , m_bastion(new QLineEdit(this))
    , m_sshKey(new QLineEdit(this))
    , m_sshPassphrase(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Connections"));
    setObjectName(QStringLiteral("connectionDialog"));
    if (m_environments.isEmpty())
        m_environments.append(Environment{QStringLiteral("default")});
    m_list->setObjectName(QStringLiteral("environments"));
    m_list->setMaximumWidth(180);
    for (const auto &e : m_environments)
        m_list->addItem(e.name);
    m_context->setEditable(true);
    m_context->setObjectName(QStringLiteral("context"));
    m_otherContexts->setObjectName(QStringLiteral("otherContexts"));
    m_otherContexts->setPlaceholderText(
        tr("optional: prod-us, prod-ap (watched side by side with the context)"));
    m_prometheus->setObjectName(QStringLiteral("prometheus"));
    m_prometheus->setPlaceholderText(QStringLiteral("http://prometheus.monitoring:9090"));
    m_alertmanager->setObjectName(QStringLiteral("alertmanager"));
    m_alertmanager->setPlaceholderText(tr("optional"));
    m_bastion->setObjectName(QStringLiteral("bastion"));
    m_bastion->setPlaceholderText(tr("optional: user@bastion.example.com:22"));
    m_sshKey->setObjectName(QStringLiteral("sshKey"));
    m_sshKey->setPlaceholderText(tr("optional: ~/.ssh/id_ed25519 (empty: the SSH agent's keys)"));
    m_sshPassphrase->setObjectName(QStringLiteral("sshPassphrase"));
    m_sshPassphrase->setEchoMode(QLineEdit::Password);
    m_sshPassphrase->setPlaceholderText(tr("the key's passphrase, if it has one: stored in the keychain"));
    // The database a runbook's SQL steps run against.
    m_databaseUrl = new QLineEdit(this);
    m_databaseUrl->setObjectName(QStringLiteral("databaseUrl"));
    m_databaseUrl->setPlaceholderText(tr("optional: postgresql://user@db.example.com:5432/dbname"));
    m_databasePassword = new QLineEdit(this);
    m_databasePassword->setObjectName(QStringLiteral("databasePassword"));
    m_databasePassword->setEchoMode(QLineEdit::Password);
    m_databasePassword->setPlaceholderText(tr("the database password: stored in the keychain"));
    m_databasePod = new QLineEdit(this);
    m_databasePod->setObjectName(QStringLiteral("databasePod"));
    m_databasePod->setPlaceholderText(
        tr("or through kubectl exec into a pod with psql: namespace/pod:container"));
    m_kubeconfig->setPlaceholderText(tr("$KUBECONFIG or ~/.kube/config"));
    m_promToken->setObjectName(QStringLiteral("prometheusToken"));
    m_promToken->setEchoMode(QLineEdit::Password);
    m_promToken->setPlaceholderText(tr("optional bearer token, stored in the keychain"));
    m_error->setStyleSheet(QStringLiteral("color:#e53935;"));
    m_error->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("Banner &colour"), m_colour);
    form->addRow(tr("&Kubeconfig"), m_kubeconfig);
    form->addRow(tr("Cluster con&text"), testRow(m_context, QStringLiteral("cluster")));
    form->addRow(tr("Also &watch contexts"), m_otherContexts);
    form->addRow(tr("&Prometheus URL"), testRow(m_prometheus, QStringLiteral("prometheus")));
    // TLS, basic auth user and custom headers, as Grafana's Prometheus data source has them.
    auto *promOptions = new QPushButton(tr("TLS, auth, headers\u2026"), this);
    promOptions->setObjectName(QStringLiteral("prometheusOptions"));
    connect(promOptions, &QPushButton::clicked, this, [this] {
        storeCurrent();
        PrometheusOptionsDialog options(m_environments.at(m_current), this);
        if (options.exec() != QDialog::Accepted)
            return;
        m_environments[m_current] = options.environment();
        const QHash<QString, QString> typed = options.secrets();
        for (auto it = typed.cbegin(); it != typed.cend(); ++it)
            holdSecret(it.key(), it.value());
    });
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_promToken, 1);
    tokenRow->addWidget(promOptions);
    form->addRow(tr("Prometheus token or password"), tokenRow);
    form->addRow(tr("&Alertmanager URL"), testRow(m_alertmanager, QStringLiteral("alertmanager")));
    form->addRow(tr("SSH &bastion"), testRow(m_bastion, QStringLiteral("ssh")));
    form->addRow(tr("SSH key file"), m_sshKey);
    form->addRow(tr("Key passphrase"), m_sshPassphrase);
    form->addRow(tr("&Database (SQL steps)"), m_databaseUrl);
    form->addRow(tr("Database password"), m_databasePassword);
    form->addRow(tr("psql in pod"), m_databasePod);
    if (m_testers.editChannels) {
        // Channels are the same for every environment: where stakeholders read updates does not move.
        auto *channels = new QPushButton(tr("Update c&hannels\u2026"), this);
        channels->setObjectName(QStringLiteral("editChannels"));
        channels->setToolTip(
            tr("Where updates are published: Slack, Mattermost, a webhook, Statuspage, files"));
        connect(channels, &QPushButton::clicked, this, [this] { m_testers.editChannels(); });
        form->addRow(tr("Updates (optional)"), channels);
    }
    form->addRow(m_error);

    auto *add = new QPushButton(tr("Add environment"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        storeCurrent();
        m_environments.append(Environment{tr("environment %1").arg(m_environments.size() + 1)});
        m_list->addItem(m_environments.last().name);
        m_list->setCurrentRow(int(m_environments.size() - 1));
    });
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addWidget(add);
    auto *top = new QHBoxLayout;
    top->addLayout(left);
    top->addLayout(form, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    QPushButton *demo = buttons->addButton(tr("Try the &demo instead"), QDialogButtonBox::ActionRole);
    connect(demo, &QPushButton::clicked, this, [this] {
        emit demoRequested();
        reject();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    auto *intro =
        new QLabel(tr("Point Sitrep at your cluster and monitoring. Everything is optional: without a "
                      "cluster or Prometheus the console still runs and says what is missing."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(top, 1);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        storeCurrent();
        load(row);
    });
    m_list->setCurrentRow(0);
    resize(760, 440);
}

QWidget *ConnectionDialog::testRow(QWidget *field, const QString &which)
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto *button = new QPushButton(tr("Test"), row);
    button->setObjectName(QStringLiteral("test-") + which);
    auto *result = new QLabel(row);
    result->setObjectName(QStringLiteral("result-") + which);
    result->setWordWrap(true);
    m_results.insert(which, result);
    auto *v = new QVBoxLayout;
    auto *line = new QHBoxLayout;
    line->addWidget(field, 1);
    line->addWidget(button);
    v->addLayout(line);
    v->addWidget(result);
    h->addLayout(v);
    connect(button, &QPushButton::clicked, this, [this, which] { test(which); });
    return row;
}

void ConnectionDialog::load(int row)
{
    if (row < 0 || row >= m_environments.size())
        return;
    m_current = row;
    const Environment &e = m_environments.at(row);
    m_name->setText(e.name);
    m_colour->setText(e.colour);
    m_kubeconfig->setText(e.kubeconfig);
    m_context->clear();
    m_context->addItem(tr("none"), QString());
    if (m_testers.listContexts) {
        for (const QString &c : m_testers.listContexts(e.kubeconfig))
            m_context->addItem(c, c);
    }
    const int idx = m_context->findData(e.kubeContext);
    if (idx >= 0)
        m_context->setCurrentIndex(idx);
    else
        m_context->setEditText(e.kubeContext);
    m_otherContexts->setText(e.otherContexts.join(QStringLiteral(", ")));
    m_prometheus->setText(e.prometheusUrl);
    m_promToken->clear();
    m_alertmanager->setText(e.alertmanagerUrl);
    m_bastion->setText(e.sshBastion);
    m_sshKey->setText(e.sshIdentityFile);
    m_sshPassphrase->clear();
    m_databaseUrl->setText(e.databaseUrl);
    m_databasePassword->clear();
    m_databasePod->setText(e.databasePod);
    for (QLabel *l : std::as_const(m_results))
        l->clear();
}

void ConnectionDialog::storeCurrent()
{
    if (m_current < 0 || m_current >= m_environments.size())
        return;
    Environment &e = m_environments[m_current];
    e.name = m_name->text().trimmed();
    e.colour = m_colour->text().trimmed();
    e.kubeconfig = m_kubeconfig->text().trimmed();
    const QString data = m_context->currentData().toString();
    e.kubeContext = m_context->currentText() == tr("none")
                        ? QString()
                        : (data.isEmpty() ? m_context->currentText() : data);
    e.otherContexts.clear();
    for (const QString &c : m_otherContexts->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!c.trimmed().isEmpty())
            e.otherContexts << c.trimmed();
    e.prometheusUrl = m_prometheus->text().trimmed();
    e.alertmanagerUrl = m_alertmanager->text().trimmed();
    e.sshBastion = m_bastion->text().trimmed();
    e.sshIdentityFile = m_sshKey->text().trimmed();
    if (e.sshIdentityFile.startsWith(QLatin1String("~/")))
        e.sshIdentityFile = QDir::homePath() + e.sshIdentityFile.mid(1);
    if (!m_sshPassphrase->text().isEmpty() && m_testers.storeSecret) {
        e.sshKeySecret = QStringLiteral("ssh/") + e.name;
        holdSecret(e.sshKeySecret, m_sshPassphrase->text());
        m_sshPassphrase->clear();
    }
    e.databaseUrl = m_databaseUrl->text().trimmed();
    e.databasePod = m_databasePod->text().trimmed();
    if (!m_databasePassword->text().isEmpty() && m_testers.storeSecret) {
        e.databaseSecret = QStringLiteral("database/") + e.name;
        holdSecret(e.databaseSecret, m_databasePassword->text());
        m_databasePassword->clear();
    }
    if (!m_promToken->text().isEmpty() && m_testers.storeSecret) {
        e.prometheusSecret = QStringLiteral("prometheus/") + e.name;
        holdSecret(e.prometheusSecret, m_promToken->text());
        m_promToken->clear();
    }
    if (QListWidgetItem *item = m_list->item(m_current))
        item->setText(e.name);
}

QString ConnectionDialog::activeName() const
{
    return m_current >= 0 && m_current < m_environments.size() ? m_environments.at(m_current).name
                                                               : QString();
}

QString ConnectionDialog::resultText(const QString &which) const
{
    const QLabel *l = m_results.value(which);
    return l ? l->text() : QString();
}

void ConnectionDialog::test(const QString &which)
{
    storeCurrent();
    QLabel *label = m_results.value(which);
    const ConnectionTesters::Tester tester = which == QLatin1String("cluster")      ? m_testers.testCluster
                                             : which == QLatin1String("prometheus") ? m_testers.testPrometheus
                                             : which == QLatin1String("alertmanager")
                                                 ? m_testers.testAlertmanager
                                                 : m_testers.testSsh;
    if (!label)
        return;
    if (!tester) {
        label->setText(tr("This check is not available in this build."));
        return;
    }
    label->setStyleSheet({});
    label->setText(tr("Testing\u2026"));
    QPointer<QLabel> guard(label);
    tester(m_environments.at(m_current), [guard](bool ok, const QString &sentence) {
        if (!guard)
            return;
        guard->setText((ok ? QStringLiteral("\u2713 ") : QStringLiteral("\u2717 ")) + sentence);
        guard->setStyleSheet(ok ? QStringLiteral("color:#2e7d32;") : QStringLiteral("color:#e53935;"));
        // A two-line answer makes its row taller: grow the dialog instead of overlapping the next row.
        if (QWidget *dialog = guard->window()) {
            dialog->layout()->activate();
            dialog->resize(dialog->width(), std::max(dialog->height(), dialog->sizeHint().height()));
        }
    });
}

void ConnectionDialog::holdSecret(const QString &name, const QString &value)
{
    m_pendingSecrets.insert(name, value);
    if (m_testers.holdSecret)
        m_testers.holdSecret(name, value);
}

void ConnectionDialog::accept()
{
    storeCurrent();
    for (const auto &e : std::as_const(m_environments)) {
        if (auto r = e.validate(); !r) {
            m_error->setText(tr("%1: %2").arg(e.name.isEmpty() ? tr("(unnamed)") : e.name, r.error().text()));
            return;
        }
    }
    // Only now do typed secrets go to the keychain.
    for (auto it = m_pendingSecrets.cbegin(); it != m_pendingSecrets.cend(); ++it) {
        if (m_testers.storeSecret)
            m_testers.storeSecret(it.key(), it.value());
    }
    m_pendingSecrets.clear();
    QDialog::accept();
}

} // namespace Sitrep::Ui
