using System.Buffers;

namespace Recommend.Matching.Text.Analysis;

/// <summary>
/// The fast, allocation-free twin of the ML.NET pipeline in <see cref="MlTextFeaturizer"/>: the
/// same folding table, the same separators, the same stop words, stemmer and n-grams, in one pass
/// over the characters. Queries go through this (ML.NET's per-row overhead is milliseconds);
/// a unit test proves both produce the same terms. Thread-safe: it holds no mutable state.
/// </summary>
public sealed class TextAnalyzer
{
    // Longer runs of letters are kept whole, as ML.NET keeps them; the buffer just grows.
    private const int StackWordLength = 128;

    public TextAnalyzer(AnalyzerOptions options)
    {
        options.Validate();
        Options = options;
        CharacterFolding.WarmUp();
    }

    public AnalyzerOptions Options { get; }

    /// <summary>Words after stop-word removal and stemming, in order (no n-grams).</summary>
    public List<string> Tokens(string text)
    {
        var sink = new TokenListSink(wordsOnly: true);
        Analyze(text, ref sink);
        return sink.Terms;
    }

    /// <summary>Every term the index stores for this text: words, then n-grams where enabled, in order of appearance.</summary>
    public List<string> Terms(string text)
    {
        var sink = new TokenListSink(wordsOnly: false);
        Analyze(text, ref sink);
        return sink.Terms;
    }

    public void Analyze<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : ITermSink, allows ref struct
    {
        char[]? rented = null;
        Span<char> word = stackalloc char[StackWordLength];
        var length = 0;
        var previous = new PreviousWords(Options.NgramLength);
        try
        {
            foreach (var c in text)
            {
                var folded = CharacterFolding.Fold(c);
                if (folded == CharacterFolding.Removed)
                {
                    continue;
                }

                if (folded == CharacterFolding.Separator)
                {
                    if (length > 0)
                    {
                        Emit(word[..length], ref previous, ref sink);
                        length = 0;
                    }

                    continue;
                }

                if (length == word.Length)
                {
                    var larger = ArrayPool<char>.Shared.Rent(word.Length * 2);
                    word.CopyTo(larger);
                    if (rented is not null)
                    {
                        ArrayPool<char>.Shared.Return(rented);
                    }

                    rented = larger;
                    word = larger;
                }

                word[length++] = folded;
            }

            if (length > 0)
            {
                Emit(word[..length], ref previous, ref sink);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private void Emit<TSink>(scoped Span<char> word, ref PreviousWords previous, ref TSink sink)
        where TSink : ITermSink, allows ref struct
    {
        if (Options.RemoveStopWords && EnglishStopWords.Contains(word))
        {
            return;
        }

        ReadOnlySpan<char> term = word;
        char[]? stemmed = null;
        if (Options.Stem)
        {
            stemmed = ArrayPool<char>.Shared.Rent(word.Length);
            word.CopyTo(stemmed);
            term = stemmed.AsSpan(0, PorterStemmer.Stem(stemmed.AsSpan(0, word.Length)));
        }

        sink.Accept(term, 1, word);
        previous.EmitNgrams(term, ref sink);
        if (stemmed is not null)
        {
            ArrayPool<char>.Shared.Return(stemmed);
        }
    }

    /// <summary>The last one or two terms, for building n-grams across removed stop words as ML.NET does.</summary>
    private struct PreviousWords(int ngramLength)
    {
        private string? _last;
        private string? _beforeLast;

        public void EmitNgrams<TSink>(scoped ReadOnlySpan<char> term, ref TSink sink)
            where TSink : ITermSink, allows ref struct
        {
            if (ngramLength < 2)
            {
                return;
            }

            if (_last is not null)
            {
                var bigram = string.Concat(_last, [AnalyzerOptions.NgramSeparator], term);
                sink.Accept(bigram, 2, bigram);
                if (ngramLength >= 3 && _beforeLast is not null)
                {
                    var trigram = string.Concat(_beforeLast, [AnalyzerOptions.NgramSeparator], bigram);
                    sink.Accept(trigram, 3, trigram);
                }
            }

            _beforeLast = _last;
            _last = term.ToString();
        }
    }

    private struct TokenListSink(bool wordsOnly) : ITermSink
    {
        public List<string> Terms { get; } = [];

        public readonly void Accept(scoped ReadOnlySpan<char> term, int words, scoped ReadOnlySpan<char> surface)
        {
            if (!wordsOnly || words == 1)
            {
                Terms.Add(term.ToString());
            }
        }
    }
}
