#include "runbook/ShellParser.h"

#include <QTest>

using namespace Sitrep::Runbook;

// Simple commands, redirections, heredocs and nested commands as the classifier and the secret checks see
// them.
class TstShellParser : public QObject
{
    Q_OBJECT
private slots:
    void simpleCommands_data();
    void simpleCommands();
    void redirections_data();
    void redirections();
    void heredocBodiesAreNotCommands();
    void unquotedHeredocRunsItsSubstitutions();
    void expansionsPerWord();
    void placeholdersAreWords();
    void assignmentsAndArrays();
    void tooDeep();
};

void TstShellParser::simpleCommands_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("commands"); // words joined by '|'
    QTest::newRow("pipeline") << QStringLiteral("kubectl get pods | grep api && echo ok; true")
                              << QStringList{QStringLiteral("kubectl|get|pods"), QStringLiteral("grep|api"),
                                             QStringLiteral("echo|ok"), QStringLiteral("true")};
    QTest::newRow("quotes keep operators")
        << QStringLiteral("echo 'a | b' \"c; d\"") << QStringList{QStringLiteral("echo|a | b|c; d")};
    QTest::newRow("substitution after its holder")
        << QStringLiteral("kubectl delete $(kubectl get pods -o name)")
        << QStringList{QStringLiteral("kubectl|delete|$(kubectl get pods -o name)"),
                       QStringLiteral("kubectl|get|pods|-o|name")};
    QTest::newRow("backticks") << QStringLiteral("echo `date`")
                               << QStringList{QStringLiteral("echo|`date`"), QStringLiteral("date")};
    QTest::newRow("subshell") << QStringLiteral("(cd /tmp; rm -rf x)")
                              << QStringList{QStringLiteral("cd|/tmp"), QStringLiteral("rm|-rf|x")};
    QTest::newRow("process substitution")
        << QStringLiteral("diff <(kubectl get cm a -o yaml) <(kubectl get cm b -o yaml)")
        << QStringList{QStringLiteral("diff|<(kubectl get cm a -o yaml)|<(kubectl get cm b -o yaml)"),
                       QStringLiteral("kubectl|get|cm|a|-o|yaml"),
                       QStringLiteral("kubectl|get|cm|b|-o|yaml")};
    QTest::newRow("continuation") << QStringLiteral("kubectl get \\\n  pods")
                                  << QStringList{QStringLiteral("kubectl|get|pods")};
    QTest::newRow("comment") << QStringLiteral("kubectl get pods # not | a pipe")
                             << QStringList{QStringLiteral("kubectl|get|pods")};
    QTest::newRow("escaped semicolon")
        << QStringLiteral("find . -exec rm {} \\;") << QStringList{QStringLiteral("find|.|-exec|rm|{}|;")};
    QTest::newRow("unterminated quote")
        << QStringLiteral("echo 'open") << QStringList{QStringLiteral("echo|open")};
}

void TstShellParser::simpleCommands()
{
    QFETCH(QString, text);
    QFETCH(QStringList, commands);
    QStringList got;
    for (const ShellCommand &c : ShellParser::parse(text))
        got << c.texts().join(QLatin1Char('|'));
    QCOMPARE(got, commands);
}

void TstShellParser::redirections_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("fd");
    QTest::addColumn<bool>("writes");
    QTest::newRow(">") << QStringLiteral("echo x > out.txt") << QStringLiteral(">")
                       << QStringLiteral("out.txt") << -1 << true;
    QTest::newRow(">>") << QStringLiteral("echo x >>log") << QStringLiteral(">>") << QStringLiteral("log")
                        << -1 << true;
    QTest::newRow("2>") << QStringLiteral("cmd 2>err.txt") << QStringLiteral(">") << QStringLiteral("err.txt")
                        << 2 << true;
    QTest::newRow("dup") << QStringLiteral("cmd 2>&1") << QStringLiteral(">&") << QStringLiteral("1") << 2
                         << false;
    QTest::newRow("null") << QStringLiteral("cmd >/dev/null") << QStringLiteral(">")
                          << QStringLiteral("/dev/null") << -1 << false;
    QTest::newRow("&>") << QStringLiteral("cmd &> all.log") << QStringLiteral("&>")
                        << QStringLiteral("all.log") << -1 << true;
    QTest::newRow("input") << QStringLiteral("psql < fix.sql") << QStringLiteral("<")
                           << QStringLiteral("fix.sql") << -1 << false;
    QTest::newRow("quoted target") << QStringLiteral("echo x > \"my file\"") << QStringLiteral(">")
                                   << QStringLiteral("my file") << -1 << true;
    QTest::newRow("glued to a word") << QStringLiteral("echo a>b") << QStringLiteral(">")
                                     << QStringLiteral("b") << -1 << true;
}

void TstShellParser::redirections()
{
    QFETCH(QString, text);
    QFETCH(QString, op);
    QFETCH(QString, target);
    QFETCH(int, fd);
    QFETCH(bool, writes);
    const auto cmds = ShellParser::parse(text);
    QCOMPARE(cmds.size(), 1);
    QCOMPARE(cmds.first().redirects.size(), 1);
    const ShellRedirect r = cmds.first().redirects.first();
    QCOMPARE(r.op, op);
    QCOMPARE(r.target, target);
    QCOMPARE(r.fd, fd);
    QCOMPARE(r.writesFile(), writes);
}

void TstShellParser::heredocBodiesAreNotCommands()
{
    const auto cmds = ShellParser::parse(QStringLiteral("cat <<'EOF' | kubectl apply -f -\napiVersion: v1\n"
                                                        "rm -rf /\nEOF\nkubectl get pods\n"));
    QCOMPARE(cmds.size(), 3);
    QCOMPARE(cmds.at(0).texts(), QStringList{QStringLiteral("cat")});
    QCOMPARE(cmds.at(0).heredocs, QStringList{QStringLiteral("apiVersion: v1\nrm -rf /")});
    QCOMPARE(cmds.at(1).texts().first(), QStringLiteral("kubectl"));
    QCOMPARE(cmds.at(2).texts(),
             (QStringList{QStringLiteral("kubectl"), QStringLiteral("get"), QStringLiteral("pods")}));
    // <<- strips leading tabs, also from the delimiter line
    const auto tabs = ShellParser::parse(QStringLiteral("psql <<-SQL\n\tSELECT 1;\n\tSQL\necho done"));
    QCOMPARE(tabs.size(), 2);
    QCOMPARE(tabs.at(0).heredocs, QStringList{QStringLiteral("SELECT 1;")});
}

void TstShellParser::unquotedHeredocRunsItsSubstitutions()
{
    const auto cmds =
        ShellParser::parse(QStringLiteral("cat <<EOF\ntoken=${TOKEN}\n$(kubectl delete pod x)\nEOF"));
    QCOMPARE(cmds.size(), 2);
    QCOMPARE(cmds.at(0).heredocExpands, QStringList{QStringLiteral("TOKEN")});
    QCOMPARE(cmds.at(1).texts().value(1), QStringLiteral("delete"));
    const auto quoted = ShellParser::parse(QStringLiteral("cat <<'EOF'\n$(kubectl delete pod x)\nEOF"));
    QCOMPARE(quoted.size(), 1); // a quoted heredoc expands nothing
    QVERIFY(quoted.first().heredocExpands.isEmpty());
}

void TstShellParser::expansionsPerWord()
{
    const auto cmds = ShellParser::parse(
        QStringLiteral("curl -H \"Authorization: Bearer $TOKEN\" '$NOT' ${URL:-$(default)} x${A}y"));
    QCOMPARE(cmds.size(), 2); // the $(default) inside ${URL:-...}
    const QList<ShellWord> &w = cmds.first().words;
    QCOMPARE(w.size(), 6);
    QCOMPARE(w.at(2).expands, QStringList{QStringLiteral("TOKEN")});
    QVERIFY(w.at(3).expands.isEmpty());
    QVERIFY(w.at(3).singleOnly);
    QCOMPARE(w.at(4).expands, QStringList{QStringLiteral("URL")});
    QCOMPARE(w.at(5).expands, QStringList{QStringLiteral("A")});
    const auto glued = ShellParser::parse(QStringLiteral("echo x${A}y"));
    QCOMPARE(glued.first().words.at(1).expands, QStringList{QStringLiteral("A")});
}

void TstShellParser::placeholdersAreWords()
{
    const auto cmds = ShellParser::parse(QStringLiteral("kubectl logs <pod-name> -n <namespace> > out.log"));
    QCOMPARE(cmds.size(), 1);
    QCOMPARE(cmds.first().texts(),
             (QStringList{QStringLiteral("kubectl"), QStringLiteral("logs"), QStringLiteral("<pod-name>"),
                          QStringLiteral("-n"), QStringLiteral("<namespace>")}));
    QCOMPARE(cmds.first().redirects.size(), 1);
}

void TstShellParser::assignmentsAndArrays()
{
    const auto cmds = ShellParser::parse(QStringLiteral("PGPASSWORD=\"$PW\" LANG=C psql -c 'SELECT 1'\n"
                                                        "PODS=(a b c)"));
    QCOMPARE(cmds.size(), 2);
    QCOMPARE(cmds.at(0).assignments.size(), 2);
    QCOMPARE(cmds.at(0).assignments.first().expands, QStringList{QStringLiteral("PW")});
    QCOMPARE(cmds.at(0).texts().first(), QStringLiteral("psql"));
    QVERIFY(cmds.at(1).words.isEmpty());
    QCOMPARE(cmds.at(1).assignments.size(), 1);
}

void TstShellParser::tooDeep()
{
    QString text = QStringLiteral("x");
    for (int i = 0; i < 12; ++i)
        text = QStringLiteral("echo $(%1)").arg(text);
    bool deep = false;
    for (const ShellCommand &c : ShellParser::parse(text))
        deep = deep || c.tooDeep;
    QVERIFY(deep);
}

QTEST_GUILESS_MAIN(TstShellParser)
#include "tst_shellparser.moc"
