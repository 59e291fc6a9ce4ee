// API server errors as sentences: the Status message, the user, and what to do.
#include "kube/StatusText.h"

#include <QTest>

using namespace Sitrep::Kube;

class TstStatusText final : public QObject
{
    Q_OBJECT
private slots:
    void sentences_data();
    void sentences();
};

void TstStatusText::sentences_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    const QByteArray unauthorized =
        R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401})";
    const QByteArray forbidden =
        R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" in the namespace \"demo\"","reason":"Forbidden","code":403})";
    QTest::newRow("401") << 401 << unauthorized
                         << QStringLiteral("the cluster rejected the credentials of user bob (401): "
                                           "Unauthorized. Renew the token or log in again, then reconnect.");
    QTest::newRow("403") << 403 << forbidden
                         << QStringLiteral(
                                "user bob is not allowed to list pods in demo (403): pods is forbidden: User "
                                "\"bob\" cannot list resource \"pods\" in API group \"\" in the namespace "
                                "\"demo\". Ask a cluster admin for the RBAC permission.");
    QTest::newRow("500 plain")
        << 500 << QByteArray("boom")
        << QStringLiteral(
               "list pods in demo failed: the API server had an error (500): boom. Sitrep retries.");
    QTest::newRow("404 empty") << 404 << QByteArray()
                               << QStringLiteral("list pods in demo failed: not found (404)");
}

void TstStatusText::sentences()
{
    QFETCH(int, code);
    QFETCH(QByteArray, body);
    QTEST(StatusText::sentence(code, body, QStringLiteral("bob"), QStringLiteral("list pods in demo")),
          "expected");
}

QTEST_GUILESS_MAIN(TstStatusText)
#include "tst_statustext.moc"
