#include "runbook/PlaceholderScanner.h"

#include <QTest>

using namespace Sitrep::Runbook;

// Finding and typing the values a command needs.
class TstPlaceholderScanner : public QObject
{
    Q_OBJECT
private slots:
    void scan_data();
    void scan();
    void types_data();
    void types();
    void assignedVariablesAreNotPlaceholders();
};

void TstPlaceholderScanner::scan_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("tokens");
    QTest::newRow("angle") << QStringLiteral("kubectl describe pod <pod-name> -n <namespace>")
                           << QStringList{QStringLiteral("<pod-name>"), QStringLiteral("<namespace>")};
    QTest::newRow("dollar and braces")
        << QStringLiteral("psql \"${DATABASE_URL}\" -c x; curl -H \"Bearer $TOKEN\"")
        << QStringList{QStringLiteral("${DATABASE_URL}"), QStringLiteral("$TOKEN")};
    QTest::newRow("substitution is no placeholder")
        << QStringLiteral("kubectl delete pod $(kubectl get pods -o name)") << QStringList{};
    QTest::newRow("single quotes expand nothing")
        << QStringLiteral("awk '{print $NF}' | jq '.items'") << QStringList{};
    QTest::newRow("html is no placeholder")
        << QStringLiteral("kubectl create configmap m "
                          "--from-literal=html='<html><body><h1>x</h1><p>y</p></body></html>'")
        << QStringList{};
    QTest::newRow("duplicates once") << QStringLiteral("a <namespace> b <namespace> $X ${X}")
                                     << QStringList{QStringLiteral("<namespace>"), QStringLiteral("$X"),
                                                    QStringLiteral("${X}")};
    QTest::newRow("default value form")
        << QStringLiteral("echo ${REPLICAS:-3}") << QStringList{QStringLiteral("${REPLICAS:-3}")};
    QTest::newRow("positional and specials") << QStringLiteral("echo $1 $? $$ $@") << QStringList{};
    QTest::newRow("heredoc marker") << QStringLiteral("cat <<EOF") << QStringList{};
    QTest::newRow("escaped dollar") << QStringLiteral("echo \\$HOME_DIR") << QStringList{};
    QTest::newRow("shell variables") << QStringLiteral("echo $HOME $KUBECONFIG") << QStringList{};
}

void TstPlaceholderScanner::scan()
{
    QFETCH(QString, command);
    QFETCH(QStringList, tokens);
    QStringList got;
    for (const auto &p : PlaceholderScanner::scan(command))
        got << p.token;
    QCOMPARE(got, tokens);
}

void TstPlaceholderScanner::types_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("contextKey");
    QTest::newRow("namespace") << QStringLiteral("namespace") << QStringLiteral("context")
                               << QStringLiteral("namespace");
    QTest::newRow("NAMESPACE") << QStringLiteral("NAMESPACE") << QStringLiteral("context")
                               << QStringLiteral("namespace");
    QTest::newRow("pod-name") << QStringLiteral("pod-name") << QStringLiteral("context")
                              << QStringLiteral("pod");
    QTest::newRow("deployment") << QStringLiteral("deployment-name") << QStringLiteral("context")
                                << QStringLiteral("deployment");
    QTest::newRow("context") << QStringLiteral("context") << QStringLiteral("context")
                             << QStringLiteral("context");
    QTest::newRow("service") << QStringLiteral("service") << QStringLiteral("context")
                             << QStringLiteral("service");
    QTest::newRow("token") << QStringLiteral("TOKEN") << QStringLiteral("secret") << QString();
    QTest::newRow("api key") << QStringLiteral("STRIPE_API_KEY") << QStringLiteral("secret") << QString();
    QTest::newRow("password") << QStringLiteral("PGPASSWORD") << QStringLiteral("secret") << QString();
    QTest::newRow("database url") << QStringLiteral("DATABASE_URL") << QStringLiteral("secret") << QString();
    QTest::newRow("client secret") << QStringLiteral("client_secret") << QStringLiteral("secret")
                                   << QString();
    QTest::newRow("monkey is no key") << QStringLiteral("MONKEY") << QStringLiteral("value") << QString();
    QTest::newRow("replicas") << QStringLiteral("REPLICAS") << QStringLiteral("value") << QString();
    QTest::newRow("node") << QStringLiteral("node-name") << QStringLiteral("value") << QString();
}

void TstPlaceholderScanner::types()
{
    QFETCH(QString, name);
    QFETCH(QString, type);
    QFETCH(QString, contextKey);
    const Placeholder p = PlaceholderScanner::typed(name, name);
    QCOMPARE(placeholderTypeName(p.type), type);
    QCOMPARE(p.contextKey, contextKey);
}

void TstPlaceholderScanner::assignedVariablesAreNotPlaceholders()
{
    const QString block =
        QStringLiteral("POD=$(kubectl get pods -o name | head -1)\nexport NS=prod\n"
                       "for N in a b; do echo $N; done\nkubectl logs $POD -n $NS --since=$WINDOW");
    const auto assigned = PlaceholderScanner::assignedVariables(block);
    QVERIFY(assigned.contains(QStringLiteral("POD")));
    QVERIFY(assigned.contains(QStringLiteral("NS")));
    QVERIFY(assigned.contains(QStringLiteral("N")));
    const auto found =
        PlaceholderScanner::scan(QStringLiteral("kubectl logs $POD -n $NS --since=$WINDOW"), assigned);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().token, QStringLiteral("$WINDOW"));
}

QTEST_GUILESS_MAIN(TstPlaceholderScanner)
#include "tst_placeholderscanner.moc"
