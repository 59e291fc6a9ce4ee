#pragma once

#include "comms/DraftFiller.h"
#include "comms/UpdateTemplate.h"

#include <QString>

namespace Sitrep::Comms {

enum class TextFormat { Plain, Markdown, Slack };

// Turns a template and its field values into the exact text a channel gets. Deterministic: the same
// input gives the same bytes, so previews and tests compare whole strings.
//   Plain:    "Heading" underlined with dashes, "Label: value"
//   Markdown: "### Heading", "- **Label:** value" (a list, so lines do not merge), text escaped
//   Slack:    "*Heading*", "*Label:* value", & < > escaped as Slack asks
// A labelled line whose fields are all empty is left out; so is a line holding only empty fields.
class UpdateRenderer final
{
public:
    struct Options
    {
        bool includeHeading = true;
    };
    static QString render(const UpdateTemplate &t, const FieldValues &values, TextFormat format);
    static QString render(const UpdateTemplate &t, const FieldValues &values, TextFormat format,
                          const Options &options);
    // The "# ..." line with its fields filled in, unformatted (e.g. a Slack header block, a Statuspage name).
    static QString heading(const UpdateTemplate &t, const FieldValues &values);

    static QString formatName(TextFormat format); // "plain", "markdown", "slack"
    static std::optional<TextFormat> parseFormat(const QString &name);
    static QString escapeMarkdown(const QString &text);
    static QString escapeSlack(const QString &text);
};

} // namespace Sitrep::Comms
