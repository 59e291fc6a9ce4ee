#include "runbook/ShellText.h"

#include <QProcess>
#include <QTest>

using namespace Sitrep::Runbook;

// Splitting shell blocks into commands, pipelines into simple commands, and quoting values.
class TstShellText : public QObject
{
    Q_OBJECT
private slots:
    void splitBlock_data();
    void splitBlock();
    void labelsAndExpected();
    void standaloneCommentsAndQueries();
    void heredocStaysOneCommand();
    void simpleCommands_data();
    void simpleCommands();
    void words_data();
    void words();
    void quoteForRoundTripsThroughBash_data();
    void quoteForRoundTripsThroughBash();
};

void TstShellText::splitBlock_data()
{
    QTest::addColumn<QString>("block");
    QTest::addColumn<QStringList>("commands");
    QTest::newRow("two commands") << QStringLiteral("kubectl get pods\nkubectl get svc\n")
                                  << QStringList{QStringLiteral("kubectl get pods"),
                                                 QStringLiteral("kubectl get svc")};
    QTest::newRow("backslash continuation")
        << QStringLiteral("kubectl set image deployment/x \\\n  api=img:1 \\\n  -n ns\nkubectl get pods")
        << QStringList{QStringLiteral("kubectl set image deployment/x \\\n  api=img:1 \\\n  -n ns"),
                       QStringLiteral("kubectl get pods")};
    QTest::newRow("multi-line double quotes")
        << QStringLiteral("psql \"$URL\" -c \"\n  SELECT 1\n  # not a comment\n\"\necho done")
        << QStringList{QStringLiteral("psql \"$URL\" -c \"\n  SELECT 1\n  # not a comment\n\""),
                       QStringLiteral("echo done")};
    QTest::newRow("multi-line single quotes")
        << QStringLiteral("kubectl patch deploy x -p '\n{\n  \"a\": 1\n}'\n")
        << QStringList{QStringLiteral("kubectl patch deploy x -p '\n{\n  \"a\": 1\n}'")};
    QTest::newRow("command substitution spans lines")
        << QStringLiteral("kubectl delete pod $(kubectl get pods \\\n -o name | head -1)\necho ok")
        << QStringList{QStringLiteral("kubectl delete pod $(kubectl get pods \\\n -o name | head -1)"),
                       QStringLiteral("echo ok")};
    QTest::newRow("multi-line $( )") << QStringLiteral("POD=$(\n  kubectl get pods -o name\n)\necho $POD")
                                     << QStringList{QStringLiteral("POD=$(\n  kubectl get pods -o name\n)"),
                                                    QStringLiteral("echo $POD")};
    QTest::newRow("pipe at end of line") << QStringLiteral("kubectl get pods |\n  grep api")
                                         << QStringList{QStringLiteral("kubectl get pods |\n  grep api")};
    QTest::newRow("hash inside quotes is not a comment")
        << QStringLiteral("echo \"a # b\"\necho 'c # d'")
        << QStringList{QStringLiteral("echo \"a # b\""), QStringLiteral("echo 'c # d'")};
    QTest::newRow("escaped quote") << QStringLiteral("echo \\\"x\necho y")
                                   << QStringList{QStringLiteral("echo \\\"x"), QStringLiteral("echo y")};
    QTest::newRow("unterminated quote swallows the rest, no crash")
        << QStringLiteral("echo \"open\nstill open\n")
        << QStringList{QStringLiteral("echo \"open\nstill open")};
    QTest::newRow("only comments") << QStringLiteral("# a\n# b\n") << QStringList{};
    QTest::newRow("empty") << QString() << QStringList{};
}

void TstShellText::splitBlock()
{
    QFETCH(QString, block);
    QFETCH(QStringList, commands);
    QStringList got;
    for (const auto &p : ShellText::splitBlock(block)) {
        if (p.kind == ShellPiece::Kind::Command)
            got << p.text;
    }
    QCOMPARE(got, commands);
}

void TstShellText::labelsAndExpected()
{
    const QString block = QStringLiteral("# Scale to 0 and back\n"
                                         "kubectl scale d/x --replicas=0\n"
                                         "sleep 10\n"
                                         "\n"
                                         "kubectl get pods\n"
                                         "# Expected: All pods Running\n"
                                         "# Check again later\n"
                                         "\n"
                                         "# Increase limits\n"
                                         "kubectl edit deployment x\n"
                                         "# Update: resources.limits.memory\n");
    const auto pieces = ShellText::splitBlock(block);
    QCOMPARE(pieces.size(), 4);
    QCOMPARE(pieces.at(0).comment, QStringLiteral("Scale to 0 and back"));
    QCOMPARE(pieces.at(1).comment, QStringLiteral("Scale to 0 and back")); // labels every command after it
    QCOMPARE(pieces.at(1).lineIndex, 2);
    QCOMPARE(pieces.at(2).comment, QString()); // the blank line ended the label
    QCOMPARE(pieces.at(2).expected, QStringLiteral("All pods Running"));
    QCOMPARE(pieces.at(2).note, QStringLiteral("Check again later"));
    QCOMPARE(pieces.at(3).comment, QStringLiteral("Increase limits"));
    QCOMPARE(pieces.at(3).note, QStringLiteral("Update: resources.limits.memory"));
    QCOMPARE(pieces.at(3).lineIndex, 9);
}

void TstShellText::standaloneCommentsAndQueries()
{
    const QString block =
        QStringLiteral("kubectl get pods\n\n# Kill long-running queries\n# psql> SELECT 1;\n\n"
                       "# Error ratio\n# Grafana query: sum(rate(x_total[5m]))\n");
    const auto pieces = ShellText::splitBlock(block);
    QCOMPARE(pieces.size(), 3);
    QCOMPARE(pieces.at(1).kind, ShellPiece::Kind::Comment);
    QCOMPARE(pieces.at(1).text, QStringLiteral("Kill long-running queries\npsql> SELECT 1;"));
    QCOMPARE(pieces.at(1).lineIndex, 2);
    QCOMPARE(pieces.at(2).kind, ShellPiece::Kind::Query);
    QCOMPARE(pieces.at(2).text, QStringLiteral("sum(rate(x_total[5m]))"));
    QCOMPARE(pieces.at(2).comment, QStringLiteral("Error ratio"));
}

void TstShellText::heredocStaysOneCommand()
{
    const auto pieces = ShellText::splitBlock(
        QStringLiteral("cat <<'EOF' | kubectl apply -f -\nkind: X\n# hi\nEOF\necho next"));
    QCOMPARE(pieces.size(), 2);
    QCOMPARE(pieces.at(0).text, QStringLiteral("cat <<'EOF' | kubectl apply -f -\nkind: X\n# hi\nEOF"));
    QCOMPARE(pieces.at(1).text, QStringLiteral("echo next"));
}

void TstShellText::simpleCommands_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("simple");
    QTest::newRow("pipe") << QStringLiteral("kubectl logs x | grep -i error | tail -50")
                          << QStringList{QStringLiteral("kubectl logs x"), QStringLiteral("grep -i error"),
                                         QStringLiteral("tail -50")};
    QTest::newRow("and or semicolon background")
        << QStringLiteral("a && b || c; d & e")
        << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"),
                       QStringLiteral("e")};
    QTest::newRow("redirect is not background")
        << QStringLiteral("cmd 2>&1 | tee log")
        << QStringList{QStringLiteral("cmd 2>&1"), QStringLiteral("tee log")};
    QTest::newRow("quoted pipe stays")
        << QStringLiteral("grep 'a|b' f") << QStringList{QStringLiteral("grep 'a|b' f")};
    QTest::newRow("substitution classified too")
        << QStringLiteral("kubectl delete pod $(kubectl get pods -o name | head -1)")
        << QStringList{QStringLiteral("kubectl delete pod $(kubectl get pods -o name | head -1)"),
                       QStringLiteral("kubectl get pods -o name"), QStringLiteral("head -1")};
    QTest::newRow("continuation joins")
        << QStringLiteral("kubectl get \\\n pods") << QStringList{QStringLiteral("kubectl get   pods")};
}

void TstShellText::simpleCommands()
{
    QFETCH(QString, command);
    QFETCH(QStringList, simple);
    QCOMPARE(ShellText::simpleCommands(command), simple);
}

void TstShellText::words_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("plain") << QStringLiteral("kubectl get pods  -n x")
                           << QStringList{QStringLiteral("kubectl"), QStringLiteral("get"),
                                          QStringLiteral("pods"), QStringLiteral("-n"), QStringLiteral("x")};
    QTest::newRow("quotes removed") << QStringLiteral("psql \"${URL}\" -c 'SELECT 1;'")
                                    << QStringList{QStringLiteral("psql"), QStringLiteral("${URL}"),
                                                   QStringLiteral("-c"), QStringLiteral("SELECT 1;")};
    QTest::newRow("adjacent quotes join") << QStringLiteral("--from-literal=x=\"a b\"'c'")
                                          << QStringList{QStringLiteral("--from-literal=x=a bc")};
    QTest::newRow("substitution kept whole")
        << QStringLiteral("echo $(a \"b c\")")
        << QStringList{QStringLiteral("echo"), QStringLiteral("$(a \"b c\")")};
    QTest::newRow("escaped space") << QStringLiteral("ls a\\ b")
                                   << QStringList{QStringLiteral("ls"), QStringLiteral("a b")};
}

void TstShellText::words()
{
    QFETCH(QString, command);
    QFETCH(QStringList, words);
    QCOMPARE(ShellText::words(command), words);
}

void TstShellText::quoteForRoundTripsThroughBash_data()
{
    QTest::addColumn<QString>("templ"); // X marks where the value goes
    QTest::addColumn<QString>("value");
    const QStringList values = {QStringLiteral("plain"),
                                QStringLiteral("two words"),
                                QStringLiteral("it's"),
                                QStringLiteral("say \"hi\""),
                                QStringLiteral("$(touch /tmp/pwned)"),
                                QStringLiteral("back\\slash `tick` $HOME")};
    for (const QString &v : values) {
        QTest::addRow("unquoted %s", qPrintable(v)) << QStringLiteral("printf %s X") << v;
        QTest::addRow("single %s", qPrintable(v)) << QStringLiteral("printf %s 'pre-X-post'") << v;
        QTest::addRow("double %s", qPrintable(v)) << QStringLiteral("printf %s \"pre-X-post\"") << v;
    }
}

void TstShellText::quoteForRoundTripsThroughBash()
{
    QFETCH(QString, templ);
    QFETCH(QString, value);
    const qsizetype pos = templ.indexOf(QLatin1Char('X'));
    const QString command = templ.left(pos) + ShellText::quoteFor(templ, pos, value) + templ.mid(pos + 1);
    QProcess bash;
    bash.start(QStringLiteral("bash"), {QStringLiteral("-c"), command});
    QVERIFY(bash.waitForFinished(10000));
    const QString expected = templ.contains(QLatin1String("pre-"))
                                 ? QStringLiteral("pre-") + value + QStringLiteral("-post")
                                 : value;
    QCOMPARE(QString::fromUtf8(bash.readAllStandardOutput()), expected);
}

QTEST_GUILESS_MAIN(TstShellText)
#include "tst_shelltext.moc"
