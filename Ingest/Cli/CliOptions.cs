using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Recommend.Ingest.Cli;

/// <summary>
/// The kinds of option the batch commands take, each checked while parsing so a bad value is a
/// usage error (exit 2) naming the option, and each with the default the help shows.
/// </summary>
public static class CliOptions
{
    /// <summary>An input file (required unless told otherwise); a missing one is named with where it was looked for.</summary>
    public static Option<string> ExistingFile(string name, string description, bool required = true)
    {
        var option = new Option<string>(name) { Description = description, HelpName = "FILE", Required = required };
        option.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string>();
            if (!File.Exists(path))
            {
                // dotnet run starts in the project folder, so say where a relative path was looked for.
                var where = Path.IsPathRooted(path) ? "" : $" (looked for {Path.GetFullPath(path)})";
                result.AddError($"{name}: file '{path}' does not exist{where}.");
            }
        });
        return option;
    }

    /// <summary>An on/off setting with a default: "--name" alone is on, "--name false" off.</summary>
    public static Option<bool> OnOff(string name, bool fallback, string description) =>
        fallback
            ? new(name) { Description = description, HelpName = "true|false", DefaultValueFactory = _ => true }
            // The help leaves out a default of false, so it is written into the description (no value factory: false is bool's own default).
            : new(name) { Description = description + " [default: false]", HelpName = "true|false" };

    /// <summary>A switch that is off unless given.</summary>
    public static Option<bool> Switch(string name, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => false };

    public static Option<int> Whole(string name, string helpName, int fallback, int min, int max, string description) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => fallback,
            CustomParser = result => ParseWhole(result, name, min, max),
        };

    /// <summary>Reads "--name N" as a whole number within [min, max], or records why not.</summary>
    public static int ParseWhole(ArgumentResult result, string name, int min, int max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{name} must be a whole number from {min} to {max} (was '{text}').");
        return min;
    }

    public static Option<float> Number(string name, string helpName, float fallback, float min, float max, string description) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => fallback,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                {
                    return value;
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a number from {min} to {max} (was '{text}')."));
                return fallback;
            },
        };

    /// <summary>One word from a fixed list, shown in the help as "a|b|c".</summary>
    public static Option<string> OneOf(string name, string fallback, IReadOnlyList<string> words, string description)
    {
        var option = new Option<string>(name) { Description = description, HelpName = string.Join('|', words), DefaultValueFactory = _ => fallback };
        option.Validators.Add(result =>
        {
            var word = result.GetValueOrDefault<string>();
            if (!words.Contains(word, StringComparer.Ordinal))
            {
                result.AddError($"{name} must be one of {string.Join(", ", words)} (was '{word}').");
            }
        });
        return option;
    }

    /// <summary>Whether the option was typed on the command line, as opposed to taking its default.</summary>
    public static bool IsGiven(this ParseResult parseResult, Option option) => parseResult.GetResult(option) is { Implicit: false };
}
