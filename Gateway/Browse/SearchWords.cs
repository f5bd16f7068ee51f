namespace Recommend.Gateway.Browse;

/// <summary>
/// Lower-case words of letters and digits, with a plural "s" dropped, so "councils" finds
/// "council". Deliberately simple: browsing filters a catalogue, ranking is the recommender's job.
/// </summary>
public static class SearchWords
{
    public static HashSet<string> Of(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Split(text))
        {
            words.Add(word);
        }

        return words;
    }

    public static IEnumerable<string> Split(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return Stem(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }
    }

    private static string Stem(string word) =>
        word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;
}
