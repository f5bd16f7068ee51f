namespace Recommend.Matching.Text.Analysis;

/// <summary>
/// The Porter (1980) suffix-stripping stemmer, following Martin Porter's reference C version
/// (the one Lucene's PorterStemFilter follows). Works in place on a lowercase word so the query
/// path does not allocate; words of one or two letters are left alone, as in the reference.
/// </summary>
public static class PorterStemmer
{
    public static string Stem(string word)
    {
        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        word.AsSpan().CopyTo(buffer);
        var length = Stem(buffer);
        // Step 1c rewrites y to i in place, so an unchanged length does not mean an unchanged word.
        return buffer[..length].SequenceEqual(word) ? word : new string(buffer[..length]);
    }

    /// <summary>Stems the word held in <paramref name="word"/> and returns its new length (never longer).</summary>
    public static int Stem(Span<char> word)
    {
        if (word.Length <= 2)
        {
            return word.Length;
        }

        var state = new Word(word);
        state.Step1ab();
        if (state.K > 0)
        {
            state.Step1c();
            state.Step2();
            state.Step3();
            state.Step4();
            state.Step5();
        }

        return state.K + 1;
    }

    /// <summary>
    /// The reference algorithm's working state: b[0..k] is the current word, j marks the end of the
    /// stem once a suffix has matched.
    /// </summary>
    private ref struct Word(Span<char> b)
    {
        private readonly Span<char> _b = b;
        private int _j;

        public int K { get; private set; } = b.Length - 1;

        private readonly bool IsConsonant(int i) => _b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(i - 1),
            _ => true,
        };

        // m() counts vowel-consonant sequences in b[0..j]: <c>(vc)^m<v>.
        private readonly int Measure()
        {
            var n = 0;
            var i = 0;
            while (true)
            {
                if (i > _j)
                {
                    return n;
                }

                if (!IsConsonant(i))
                {
                    break;
                }

                i++;
            }

            i++;
            while (true)
            {
                while (true)
                {
                    if (i > _j)
                    {
                        return n;
                    }

                    if (IsConsonant(i))
                    {
                        break;
                    }

                    i++;
                }

                i++;
                n++;
                while (true)
                {
                    if (i > _j)
                    {
                        return n;
                    }

                    if (!IsConsonant(i))
                    {
                        break;
                    }

                    i++;
                }

                i++;
            }
        }

        private readonly bool VowelInStem()
        {
            for (var i = 0; i <= _j; i++)
            {
                if (!IsConsonant(i))
                {
                    return true;
                }
            }

            return false;
        }

        private readonly bool DoubleConsonant(int j) => j >= 1 && _b[j] == _b[j - 1] && IsConsonant(j);

        // cvc(i): consonant-vowel-consonant ending at i, the last not w, x or y (hop -> hope, but not snow).
        private readonly bool Cvc(int i)
        {
            if (i < 2 || !IsConsonant(i) || IsConsonant(i - 1) || !IsConsonant(i - 2))
            {
                return false;
            }

            return _b[i] is not ('w' or 'x' or 'y');
        }

        private bool Ends(string suffix)
        {
            var length = suffix.Length;
            if (length > K + 1 || !_b.Slice(K - length + 1, length).SequenceEqual(suffix))
            {
                return false;
            }

            _j = K - length;
            return true;
        }

        private void SetTo(string replacement)
        {
            replacement.AsSpan().CopyTo(_b[(_j + 1)..]);
            K = _j + replacement.Length;
        }

        private void ReplaceIfMeasured(string replacement)
        {
            if (Measure() > 0)
            {
                SetTo(replacement);
            }
        }

        // Plurals and -ed / -ing: caresses -> caress, ponies -> poni, agreed -> agree, hopping -> hop.
        public void Step1ab()
        {
            if (_b[K] == 's')
            {
                if (Ends("sses"))
                {
                    K -= 2;
                }
                else if (Ends("ies"))
                {
                    SetTo("i");
                }
                else if (_b[K - 1] != 's')
                {
                    K--;
                }
            }

            if (Ends("eed"))
            {
                if (Measure() > 0)
                {
                    K--;
                }
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                K = _j;
                if (Ends("at"))
                {
                    SetTo("ate");
                }
                else if (Ends("bl"))
                {
                    SetTo("ble");
                }
                else if (Ends("iz"))
                {
                    SetTo("ize");
                }
                else if (DoubleConsonant(K))
                {
                    K--;
                    if (_b[K] is 'l' or 's' or 'z')
                    {
                        K++;
                    }
                }
                else if (Measure() == 1 && Cvc(K))
                {
                    SetTo("e");
                }
            }
        }

        // Terminal y becomes i when there is another vowel in the stem.
        public void Step1c()
        {
            if (Ends("y") && VowelInStem())
            {
                _b[K] = 'i';
            }
        }

        // Double suffixes map to single ones: -ization -> -ize, -ational -> -ate.
        public void Step2()
        {
            if (K < 1)
            {
                return;
            }

            switch (_b[K - 1])
            {
                case 'a':
                    _ = TryReplace("ational", "ate") || TryReplace("tional", "tion");
                    break;
                case 'c':
                    _ = TryReplace("enci", "ence") || TryReplace("anci", "ance");
                    break;
                case 'e':
                    _ = TryReplace("izer", "ize");
                    break;
                case 'l':
                    _ = TryReplace("bli", "ble") || TryReplace("alli", "al") || TryReplace("entli", "ent") || TryReplace("eli", "e") || TryReplace("ousli", "ous");
                    break;
                case 'o':
                    _ = TryReplace("ization", "ize") || TryReplace("ation", "ate") || TryReplace("ator", "ate");
                    break;
                case 's':
                    _ = TryReplace("alism", "al") || TryReplace("iveness", "ive") || TryReplace("fulness", "ful") || TryReplace("ousness", "ous");
                    break;
                case 't':
                    _ = TryReplace("aliti", "al") || TryReplace("iviti", "ive") || TryReplace("biliti", "ble");
                    break;
                case 'g':
                    _ = TryReplace("logi", "log");
                    break;
                default:
                    break;
            }
        }

        // -ic-, -full, -ness and friends.
        public void Step3()
        {
            switch (_b[K])
            {
                case 'e':
                    _ = TryReplace("icate", "ic") || TryReplace("ative", "") || TryReplace("alize", "al");
                    break;
                case 'i':
                    _ = TryReplace("iciti", "ic");
                    break;
                case 'l':
                    _ = TryReplace("ical", "ic") || TryReplace("ful", "");
                    break;
                case 's':
                    _ = TryReplace("ness", "");
                    break;
                default:
                    break;
            }
        }

        // Removes -ant, -ence and the like when the stem is long enough (m > 1).
        public void Step4()
        {
            if (K < 1)
            {
                return;
            }

            var matched = _b[K - 1] switch
            {
                'a' => Ends("al"),
                'c' => Ends("ance") || Ends("ence"),
                'e' => Ends("er"),
                'i' => Ends("ic"),
                'l' => Ends("able") || Ends("ible"),
                'n' => Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent"),
                'o' => (Ends("ion") && _j >= 0 && _b[_j] is 's' or 't') || Ends("ou"),
                's' => Ends("ism"),
                't' => Ends("ate") || Ends("iti"),
                'u' => Ends("ous"),
                'v' => Ends("ive"),
                'z' => Ends("ize"),
                _ => false,
            };

            if (matched && Measure() > 1)
            {
                K = _j;
            }
        }

        // Final -e and double l: probate -> probat, controll -> control.
        public void Step5()
        {
            _j = K;
            if (_b[K] == 'e')
            {
                var m = Measure();
                if (m > 1 || (m == 1 && !Cvc(K - 1)))
                {
                    K--;
                }
            }

            if (_b[K] == 'l' && DoubleConsonant(K) && Measure() > 1)
            {
                K--;
            }
        }

        // The reference stops at the first suffix that matches, replaced or not.
        private bool TryReplace(string suffix, string replacement)
        {
            if (!Ends(suffix))
            {
                return false;
            }

            ReplaceIfMeasured(replacement);
            return true;
        }
    }
}
