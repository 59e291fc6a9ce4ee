#pragma once

#include "export/Postmortem.h"

namespace Sitrep::Export {

// The postmortem as GitHub-flavoured Markdown, for wikis and pull requests.
class MarkdownWriter final
{
public:
    static QString write(const Postmortem &pm);
};

} // namespace Sitrep::Export
