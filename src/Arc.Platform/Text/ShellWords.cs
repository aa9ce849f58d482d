using System.Text;

namespace Arc.Platform.Text;

/// <summary>The shell-like word splitting that compose and Dockerfile arguments use.</summary>
public static class ShellWords
{
    /// <summary>
    /// Splits on whitespace outside quotes, removing the quotes (and backslash escapes inside double quotes).
    /// Enough for compose <c>command:</c> strings and Dockerfile arguments; not a full shell.
    /// </summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\' && quote == '"' && i + 1 < text.Length)
                    current.Append(text[++i]);
                else if (c == quote)
                    quote = null;
                else
                    current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (inWord)
            words.Add(current.ToString());
        return words;
    }
}
