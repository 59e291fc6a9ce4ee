#include "runbook/SqlSplitter.h"

#include <QTest>

using namespace Sitrep::Runbook;

// Splitting SQL blocks into statements as psql does, and blanking what keywords must not see.
class TstSqlSplitter : public QObject
{
    Q_OBJECT
private slots:
    void split_data();
    void split();
    void bareBlanksLiteralsAndComments();
    void linesAndMetaCommands();
    void transactionControl_data();
    void transactionControl();
};

void TstSqlSplitter::split_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("statements");
    QTest::newRow("two") << QStringLiteral("SELECT 1; SELECT 2;")
                         << QStringList{QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2")};
    QTest::newRow("no final semicolon")
        << QStringLiteral("SELECT 1;\nSELECT 2")
        << QStringList{QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2")};
    QTest::newRow("semicolon in a string")
        << QStringLiteral("SELECT 'a;b'; SELECT 2")
        << QStringList{QStringLiteral("SELECT 'a;b'"), QStringLiteral("SELECT 2")};
    QTest::newRow("doubled quote") << QStringLiteral("SELECT 'it''s; fine'")
                                   << QStringList{QStringLiteral("SELECT 'it''s; fine'")};
    QTest::newRow("E string escapes")
        << QStringLiteral("SELECT E'a\\';b'; SELECT 2")
        << QStringList{QStringLiteral("SELECT E'a\\';b'"), QStringLiteral("SELECT 2")};
    QTest::newRow("quoted identifier")
        << QStringLiteral("SELECT \"a;b\" FROM t") << QStringList{QStringLiteral("SELECT \"a;b\" FROM t")};
    QTest::newRow("dollar quote") << QStringLiteral("DO $$BEGIN PERFORM 1; END$$; SELECT 2")
                                  << QStringList{QStringLiteral("DO $$BEGIN PERFORM 1; END$$"),
                                                 QStringLiteral("SELECT 2")};
    QTest::newRow("tagged dollar quote")
        << QStringLiteral("CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql; SELECT f()")
        << QStringList{QStringLiteral("CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql"),
                       QStringLiteral("SELECT f()")};
    QTest::newRow("parameter is no dollar quote")
        << QStringLiteral("SELECT $1; SELECT 2")
        << QStringList{QStringLiteral("SELECT $1"), QStringLiteral("SELECT 2")};
    QTest::newRow("line comment") << QStringLiteral("-- drop it; later\nSELECT 1")
                                  << QStringList{QStringLiteral("-- drop it; later\nSELECT 1")};
    QTest::newRow("nested block comment")
        << QStringLiteral("/* a /* b; */ c; */ SELECT 1; SELECT 2")
        << QStringList{QStringLiteral("/* a /* b; */ c; */ SELECT 1"), QStringLiteral("SELECT 2")};
    QTest::newRow("only comments") << QStringLiteral("-- nothing\n/* here */;") << QStringList{};
    QTest::newRow("unterminated string")
        << QStringLiteral("SELECT 'open; SELECT 2") << QStringList{QStringLiteral("SELECT 'open; SELECT 2")};
    QTest::newRow("empty statements")
        << QStringLiteral(";;SELECT 1;;") << QStringList{QStringLiteral("SELECT 1")};
}

void TstSqlSplitter::split()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, statements);
    QStringList got;
    for (const SqlStatement &s : SqlSplitter::split(sql))
        got << s.text;
    QCOMPARE(got, statements);
}

void TstSqlSplitter::bareBlanksLiteralsAndComments()
{
    const auto st =
        SqlSplitter::split(QStringLiteral("SELECT 'DROP', \"DELETE\", $$TRUNCATE$$ -- ALTER\n FROM t"));
    QCOMPARE(st.size(), 1);
    QVERIFY(!st.first().bare.contains(QLatin1String("DROP")));
    QVERIFY(!st.first().bare.contains(QLatin1String("DELETE")));
    QVERIFY(!st.first().bare.contains(QLatin1String("TRUNCATE")));
    QVERIFY(!st.first().bare.contains(QLatin1String("ALTER")));
    QVERIFY(st.first().bare.contains(QLatin1String("FROM t")));
    QCOMPARE(st.first().keyword(), QStringLiteral("SELECT"));
}

void TstSqlSplitter::linesAndMetaCommands()
{
    const auto st = SqlSplitter::split(QStringLiteral("\\x\nSELECT 1;\n\n-- two\nSELECT\n  2 \\gx\n\\dt"));
    QCOMPARE(st.size(), 5);
    QCOMPARE(st.at(0).kind, SqlStatement::Kind::Meta);
    QCOMPARE(st.at(0).text, QStringLiteral("\\x"));
    QCOMPARE(st.at(1).line, 2);
    QCOMPARE(st.at(2).text, QStringLiteral("-- two\nSELECT\n  2"));
    QCOMPARE(st.at(2).line, 4);
    QCOMPARE(st.at(3).text, QStringLiteral("\\gx"));
    QCOMPARE(st.at(4).text, QStringLiteral("\\dt"));
    QCOMPARE(st.at(4).line, 7);
}

void TstSqlSplitter::transactionControl_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("control");
    QTest::newRow("begin") << QStringLiteral("BEGIN") << true;
    QTest::newRow("begin read write") << QStringLiteral("begin transaction read write") << true;
    QTest::newRow("commit") << QStringLiteral("COMMIT") << true;
    QTest::newRow("end") << QStringLiteral("end") << true;
    QTest::newRow("rollback") << QStringLiteral("ROLLBACK") << true;
    QTest::newRow("start transaction") << QStringLiteral("START TRANSACTION") << true;
    QTest::newRow("savepoint") << QStringLiteral("SAVEPOINT a") << true;
    QTest::newRow("select") << QStringLiteral("SELECT 1") << false;
    QTest::newRow("plpgsql begin inside DO") << QStringLiteral("DO $$BEGIN NULL; END$$") << false;
}

void TstSqlSplitter::transactionControl()
{
    QFETCH(QString, sql);
    QFETCH(bool, control);
    const auto st = SqlSplitter::split(sql);
    QCOMPARE(st.size(), 1);
    QCOMPARE(st.first().isTransactionControl(), control);
}

QTEST_GUILESS_MAIN(TstSqlSplitter)
#include "tst_sqlsplitter.moc"
