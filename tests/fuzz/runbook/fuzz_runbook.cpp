// libFuzzer target: any bytes through the runbook importer, linter and shell helpers. It must return
// (no crash, no sanitizer report, no hang) for every input.
#include "runbook/RiskClassifier.h"
#include "runbook/RunbookLinter.h"
#include "runbook/RunbookParser.h"
#include "runbook/ShellParser.h"
#include "runbook/ShellText.h"
#include "runbook/SqlSplitter.h"

#include <QJsonDocument>
#include <QSet>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto runbook = Sitrep::Runbook::RunbookParser::parse(bytes);
    if (runbook.ok()) {
        (void)QJsonDocument(runbook->toJson()).toJson();
        (void)Sitrep::Runbook::RunbookLinter::lint(runbook.value());
    }
    // The shell helpers also see raw text, not only what Markdown code blocks hand them.
    const QString text = QString::fromUtf8(bytes);
    for (const auto &piece : Sitrep::Runbook::ShellText::splitBlock(text)) {
        (void)Sitrep::Runbook::RiskClassifier::classify(piece.text);
        (void)Sitrep::Runbook::ShellText::words(piece.text);
    }
    // The classifier and the SQL splitter on the raw text too: any bytes, one command line, one SQL block.
    (void)Sitrep::Runbook::RiskClassifier::classify(text);
    (void)Sitrep::Runbook::ShellParser::parse(text);
    for (const auto &st : Sitrep::Runbook::SqlSplitter::split(text))
        (void)st.keyword();
    (void)Sitrep::Runbook::RiskClassifier::classifySql(text);
    (void)Sitrep::Runbook::ShellText::quoteFor(text, text.size() / 2, text);
    return 0;
}
