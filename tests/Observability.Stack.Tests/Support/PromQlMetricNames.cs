namespace Observability.Stack.Tests.Support;

/// <summary>
/// Extracts the metric names a PromQL expression selects. A small tokenizer, not a parser: it skips strings,
/// label matchers ({...}, except a __name__ matcher), ranges and subqueries ([...]), numbers and durations,
/// Grafana variables ($x, ${x}), grouping label lists (by/without/on/ignoring/group_left/group_right (...)),
/// keywords, aggregation operators and functions (an identifier followed by '('). Every other identifier is a metric.
/// Syntax itself is checked by promtool (the real parser) elsewhere.
/// </summary>
internal static class PromQlMetricNames
{
    private static readonly HashSet<string> GroupingKeywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "start", "end",
        "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile",
        "count_values", "group", "limitk", "limit_ratio",
    };

    public static IReadOnlySet<string> Extract(string expression)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var s = expression;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '"' or '\'' or '`')
            {
                i = SkipString(s, i);
            }
            else if (c == '#')
            {
                while (i < s.Length && s[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '{')
            {
                var end = SkipEnclosed(s, i, '{', '}');
                var name = NameMatcher(s[(i + 1)..Math.Max(i + 1, end - 1)]);
                if (name is not null)
                {
                    names.Add(name);
                }

                i = end;
            }
            else if (c == '[')
            {
                i = SkipEnclosed(s, i, '[', ']');
            }
            else if (c == '$')
            {
                i++;
                if (i < s.Length && s[i] == '{')
                {
                    i = SkipEnclosed(s, i, '{', '}');
                }
                else
                {
                    while (i < s.Length && IsIdentifierPart(s[i]))
                    {
                        i++;
                    }
                }
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])))
            {
                i = SkipNumberOrDuration(s, i);
            }
            else if (IsIdentifierStart(c))
            {
                var start = i;
                while (i < s.Length && IsIdentifierPart(s[i]))
                {
                    i++;
                }

                var word = s[start..i];
                var next = NextNonSpace(s, i);
                if (GroupingKeywords.Contains(word))
                {
                    if (next < s.Length && s[next] == '(')
                    {
                        i = SkipEnclosed(s, next, '(', ')');
                    }
                }
                else if (Keywords.Contains(word) || (next < s.Length && s[next] == '('))
                {
                    // keyword, aggregation or function call: not a metric
                }
                else
                {
                    names.Add(word);
                }
            }
            else
            {
                i++;
            }
        }

        return names;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or ':';

    private static int NextNonSpace(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipString(string s, int i)
    {
        var quote = s[i++];
        while (i < s.Length && s[i] != quote)
        {
            i += s[i] == '\\' && quote != '`' ? 2 : 1;
        }

        return Math.Min(i + 1, s.Length);
    }

    /// <summary>Index just past the bracket that closes the one at <paramref name="i"/>; strings inside are skipped.</summary>
    private static int SkipEnclosed(string s, int i, char open, char close)
    {
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(s, i);
                continue;
            }

            if (c == open)
            {
                depth++;
            }
            else if (c == close && --depth == 0)
            {
                return i + 1;
            }

            i++;
        }

        return s.Length;
    }

    // 0.95, 1e-9, 0x1F, 5m, 1h30m
    private static int SkipNumberOrDuration(string s, int i)
    {
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_')
            {
                i++;
            }
            else if (c is '+' or '-' && (s[i - 1] is 'e' or 'E') && !s[..i].Contains('x', StringComparison.OrdinalIgnoreCase))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>The value of an exact <c>__name__="x"</c> matcher inside a label-matcher block, if any.</summary>
    private static string? NameMatcher(string matchers)
    {
        const string key = "__name__";
        var at = matchers.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = matchers[(at + key.Length)..].TrimStart();
        if (!rest.StartsWith('=') || rest.StartsWith("=~", StringComparison.Ordinal))
        {
            return null;
        }

        rest = rest[1..].TrimStart();
        if (rest.Length < 2 || rest[0] is not ('"' or '\''))
        {
            return null;
        }

        var end = rest.IndexOf(rest[0], 1);
        return end > 1 ? rest[1..end] : null;
    }
}
