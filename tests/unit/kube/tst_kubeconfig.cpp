// Kubeconfig reading as kubectl does it: merge order, auth fields, paths, and errors that name file, line,
// field.
#include "core/ManualClock.h"
#include "kube/KubeClient.h"
#include "kube/Kubeconfig.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Sitrep::Kube;

namespace {

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text);
    return path;
}

const QByteArray kFirst = R"(apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod-cluster
  cluster:
    server: https://prod.example:6443
    certificate-authority: certs/ca.pem
    tls-server-name: api.prod.internal
    proxy-url: socks5://127.0.0.1:1080
users:
- name: alice
  user:
    token: first-token
- name: cert-user
  user:
    client-certificate-data: Y2VydA==
    client-key-data: a2V5
- name: basic
  user:
    username: admin
    password: s3cret
contexts:
- name: prod
  context:
    cluster: prod-cluster
    user: alice
    namespace: payments
)";

const QByteArray kSecond = R"(apiVersion: v1
kind: Config
current-context: staging
clusters:
- name: staging-cluster
  cluster:
    server: https://staging.example:6443
    insecure-skip-tls-verify: true
users:
- name: alice
  user:
    token: second-token
- name: plugin
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./bin/get-token
      args: ["--cluster", "staging"]
      env:
      - name: REGION
        value: eu-west-1
      provideClusterInfo: true
- name: filetoken
  user:
    tokenFile: ~/token
contexts:
- name: staging
  context:
    cluster: staging-cluster
    user: plugin
- name: prod
  context:
    cluster: staging-cluster
    user: alice
)";

} // namespace

class TstKubeconfig final : public QObject
{
    Q_OBJECT
private slots:
    void parsesEverything();
    void mergesFirstWins();
    void defaultFilesFromEnvironment();
    void missingFilesSkipped();
    void errors_data();
    void errors();
    void resolveErrors();
    void insecureWarning();
    void clientNamesUnreadableFiles();
};

void TstKubeconfig::parsesEverything()
{
    auto cfg = Kubeconfig::parse(kFirst, QStringLiteral("/home/u/.kube/config"));
    QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().text()));
    QCOMPARE(cfg->currentContext(), QStringLiteral("prod"));
    QCOMPARE(cfg->contextNames(), QStringList{QStringLiteral("prod")});
    const ClusterInfo &c = cfg->clusters().first();
    QCOMPARE(c.server, QStringLiteral("https://prod.example:6443"));
    QCOMPARE(c.certificateAuthority, QStringLiteral("/home/u/.kube/certs/ca.pem")); // relative to the file
    QCOMPARE(c.tlsServerName, QStringLiteral("api.prod.internal"));
    QCOMPARE(c.proxyUrl, QStringLiteral("socks5://127.0.0.1:1080"));
    QCOMPARE(cfg->users().size(), 3);
    QCOMPARE(cfg->users().at(1).clientCertificateData, QByteArray("cert"));
    QCOMPARE(cfg->users().at(1).clientKeyData, QByteArray("key"));
    QCOMPARE(cfg->users().at(2).username, QStringLiteral("admin"));
    QCOMPARE(cfg->users().at(2).password, QStringLiteral("s3cret"));
    auto resolved = cfg->resolve();
    QVERIFY(resolved.ok());
    QCOMPARE(resolved->ns, QStringLiteral("payments"));
    QCOMPARE(resolved->user.token, QStringLiteral("first-token"));
    QVERIFY(resolved->warnings.isEmpty());
}

void TstKubeconfig::mergesFirstWins()
{
    QTemporaryDir dir;
    const QString a = write(dir, QStringLiteral("a.yaml"), kFirst);
    const QString b = write(dir, QStringLiteral("b.yaml"), kSecond);
    auto cfg = Kubeconfig::loadFiles({a, b});
    QVERIFY2(cfg.ok(), qPrintable(cfg.ok() ? QString() : cfg.error().text()));
    QCOMPARE(cfg->currentContext(), QStringLiteral("prod")); // first file wins
    QCOMPARE(cfg->contextNames(), (QStringList{QStringLiteral("prod"), QStringLiteral("staging")})); // union
    auto prod = cfg->resolve(QStringLiteral("prod"));
    QVERIFY(prod.ok());
    QCOMPARE(prod->cluster.name, QStringLiteral("prod-cluster")); // prod context from the first file
    QCOMPARE(prod->user.token, QStringLiteral("first-token"));
    auto staging = cfg->resolve(QStringLiteral("staging"));
    QVERIFY(staging.ok());
    QCOMPARE(staging->ns, QStringLiteral("default"));
    QVERIFY(staging->user.exec.has_value());
    const ExecConfig &e = *staging->user.exec;
    QCOMPARE(e.command, dir.filePath(QStringLiteral("bin/get-token"))); // relative to b.yaml's folder
    QCOMPARE(e.args, (QStringList{QStringLiteral("--cluster"), QStringLiteral("staging")}));
    QCOMPARE(e.env.first().first, QStringLiteral("REGION"));
    QCOMPARE(e.env.first().second, QStringLiteral("eu-west-1"));
    QVERIFY(e.provideClusterInfo);
    QVERIFY(cfg->users().at(4).tokenFile.endsWith(QLatin1String("/token")));
    QVERIFY(!cfg->users().at(4).tokenFile.startsWith(QLatin1Char('~')));

    // The other order: the second file's names win.
    auto rev = Kubeconfig::loadFiles({b, a});
    QVERIFY(rev.ok());
    QCOMPARE(rev->currentContext(), QStringLiteral("staging"));
    QCOMPARE(rev->resolve(QStringLiteral("prod"))->user.token, QStringLiteral("second-token"));
}

void TstKubeconfig::defaultFilesFromEnvironment()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), QStringLiteral("/home/u"));
    QCOMPARE(Kubeconfig::defaultFiles(env), QStringList{QStringLiteral("/home/u/.kube/config")});
    env.insert(QStringLiteral("KUBECONFIG"), QStringLiteral("/a:/b::/a"));
    QCOMPARE(Kubeconfig::defaultFiles(env), (QStringList{QStringLiteral("/a"), QStringLiteral("/b")}));
}

void TstKubeconfig::missingFilesSkipped()
{
    QTemporaryDir dir;
    const QString b = write(dir, QStringLiteral("b.yaml"), kSecond);
    auto cfg = Kubeconfig::loadFiles({dir.filePath(QStringLiteral("missing.yaml")), b});
    QVERIFY(cfg.ok());
    QCOMPARE(cfg->currentContext(), QStringLiteral("staging"));
    auto none = Kubeconfig::loadFiles({dir.filePath(QStringLiteral("missing.yaml"))});
    QVERIFY(!none.ok());
    QVERIFY(none.error().message.contains(QLatin1String("no kubeconfig found")));
}

void TstKubeconfig::errors_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad yaml") << QByteArray("clusters:\n- name: a\n  cluster: {server: [}\n")
                              << QStringLiteral("cfg.yaml:3") << QStringLiteral("is not valid YAML");
    QTest::newRow("bad base64") << QByteArray(
                                       "users:\n- name: a\n  user:\n    client-key-data: '!!!notbase64'\n")
                                << QStringLiteral("cfg.yaml:4")
                                << QStringLiteral("users[0].user.client-key-data is not valid base64");
    QTest::newRow("bad bool") << QByteArray("clusters:\n- name: c\n  cluster:\n    server: https://x\n    "
                                            "insecure-skip-tls-verify: maybe\n")
                              << QStringLiteral("cfg.yaml:5")
                              << QStringLiteral(
                                     "clusters[0].cluster.insecure-skip-tls-verify must be true or false");
    QTest::newRow("list not map") << QByteArray("contexts: 3\n") << QStringLiteral("cfg.yaml:1")
                                  << QStringLiteral("contexts must be a list");
    QTest::newRow("no name") << QByteArray("apiVersion: v1\nusers:\n- user: {token: x}\n")
                             << QStringLiteral("cfg.yaml:3") << QStringLiteral("users[0] has no name");
    QTest::newRow("exec version") << QByteArray("users:\n- name: a\n  user:\n    exec:\n      apiVersion: "
                                                "client.authentication.k8s.io/v1alpha1\n      command: x\n")
                                  << QStringLiteral("cfg.yaml:5")
                                  << QStringLiteral("users[0].user.exec.apiVersion");
    QTest::newRow("exec no command")
        << QByteArray(
               "users:\n- name: a\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n")
        << QStringLiteral("cfg.yaml:5") << QStringLiteral("users[0].user.exec has no command");
    QTest::newRow("auth provider") << QByteArray(
                                          "users:\n- name: a\n  user:\n    auth-provider:\n      name: gcp\n")
                                   << QStringLiteral("cfg.yaml:5") << QStringLiteral("auth-provider");
    QTest::newRow("wrong kind") << QByteArray("kind: Pod\n") << QStringLiteral("cfg.yaml:1")
                                << QStringLiteral("kind must be Config");
    QTest::newRow("server not string")
        << QByteArray("clusters:\n- name: c\n  cluster:\n    server: {a: b}\n")
        << QStringLiteral("cfg.yaml:4") << QStringLiteral("clusters[0].cluster.server must be a string");
}

void TstKubeconfig::errors()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, where);
    QFETCH(QString, message);
    auto cfg = Kubeconfig::parse(yaml, QStringLiteral("cfg.yaml"));
    QVERIFY(!cfg.ok());
    QCOMPARE(cfg.error().where, where);
    QVERIFY2(cfg.error().message.contains(message), qPrintable(cfg.error().message));
}

void TstKubeconfig::resolveErrors()
{
    auto cfg = Kubeconfig::parse("current-context: a\ncontexts:\n- name: a\n  context: {cluster: nope, user: "
                                 "u}\n- name: b\n  context: {cluster: c, user: nobody}\n"
                                 "clusters:\n- name: c\n  cluster: {server: 'https://c'}\n",
                                 QStringLiteral("k.yaml"));
    QVERIFY(cfg.ok());
    auto a = cfg->resolve();
    QVERIFY(!a.ok());
    QVERIFY(a.error().message.contains(QLatin1String("names cluster \"nope\"")));
    auto b = cfg->resolve(QStringLiteral("b"));
    QVERIFY(!b.ok());
    QVERIFY(b.error().message.contains(QLatin1String("names user \"nobody\"")));
    auto x = cfg->resolve(QStringLiteral("x"));
    QVERIFY(!x.ok());
    QCOMPARE(x.error().message, QStringLiteral("context \"x\" does not exist"));
}

void TstKubeconfig::insecureWarning()
{
    auto cfg = Kubeconfig::parse(kSecond, QStringLiteral("/tmp/b.yaml"));
    QVERIFY(cfg.ok());
    auto r = cfg->resolve(QStringLiteral("prod"));
    QVERIFY(r.ok());
    QCOMPARE(r->warnings.size(), 1);
    QVERIFY(r->warnings.first().contains(QLatin1String("TLS verification is disabled")));
}

void TstKubeconfig::clientNamesUnreadableFiles()
{
    Sitrep::Core::ManualClock clock;
    auto cfg = Kubeconfig::parse(kFirst, QStringLiteral("/nonexistent/dir/config"));
    QVERIFY(cfg.ok());
    auto resolved = cfg->resolve();
    QVERIFY(resolved.ok());
    auto client = KubeClient::create(*resolved, clock);
    QVERIFY(!client.ok());
    QCOMPARE(client.error().where, QStringLiteral("/nonexistent/dir/certs/ca.pem"));
    QVERIFY(client.error().message.contains(QLatin1String("certificate-authority cannot be read")));

    ClusterConfig bad = *resolved;
    bad.cluster.certificateAuthority.clear();
    bad.user.clientCertificateData = "not pem";
    bad.user.clientKeyData = "not pem";
    auto c2 = KubeClient::create(bad, clock);
    QVERIFY(!c2.ok());
    QVERIFY(c2.error().message.contains(QLatin1String("not PEM")));
}

QTEST_GUILESS_MAIN(TstKubeconfig)
#include "tst_kubeconfig.moc"
