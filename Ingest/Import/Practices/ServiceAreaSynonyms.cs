using Recommend.Contracts.Practices;

namespace Recommend.Ingest.Import.Practices;

/// <summary>
/// Maps another catalogue's sector labels to our service areas through an explicit table, never a
/// guess. The table covers the UN COFOG functions (the taxonomy the EU JRC IPS Explorer and many
/// public-sector catalogues use, at both division and group level) plus common plain labels. A few
/// labels are listed as national functions so their rejects say why rather than "unknown".
/// </summary>
public sealed class ServiceAreaSynonyms
{
    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.Ordinal)
    {
        // COFOG divisions (the IPS primary_sector values).
        ["general public services"] = "digital_corporate",
        ["public order and safety"] = "community_safety",
        ["economic affairs"] = "economy_skills",
        ["environmental protection"] = "environment_climate",
        ["housing and community amenities"] = "housing_homelessness",
        ["health"] = "public_health",
        ["recreation, culture and religion"] = "culture_leisure",
        ["education"] = "education",
        ["social protection"] = "adult_social_care",

        // Plain labels other catalogues use.
        ["social services"] = "adult_social_care",
        ["social care"] = "adult_social_care",
        ["adult social care"] = "adult_social_care",
        ["children's services"] = "childrens_services",
        ["children and families"] = "childrens_services",
        ["environment"] = "environment_climate",
        ["climate"] = "environment_climate",
        ["housing"] = "housing_homelessness",
        ["homelessness"] = "housing_homelessness",
        ["transport"] = "transport",
        ["waste"] = "waste",
        ["culture"] = "culture_leisure",
        ["economy"] = "economy_skills",
        ["employment"] = "economy_skills",
        ["community safety"] = "community_safety",
        ["democracy"] = "democracy_engagement",
        ["citizen participation"] = "democracy_engagement",

        // COFOG groups (the IPS secondary_sector values) that name a council service more precisely
        // than their division: "Economic affairs / Transport" is transport, not economy.
        ["public health services"] = "public_health",
        ["police services"] = "community_safety",
        ["fire-protection services"] = "community_safety",
        ["family and children"] = "childrens_services",
        ["old age"] = "adult_social_care",
        ["sickness and disability"] = "adult_social_care",
        ["unemployment"] = "economy_skills",
        ["general economic, commercial and labour affair"] = "economy_skills",
        ["general economic, commercial and labour affairs"] = "economy_skills",
        ["housing development"] = "housing_homelessness",
        ["waste management"] = "waste",
        ["street lighting"] = "transport",
        ["pre-primary and primary education"] = "education",
        ["secondary education"] = "education",
        ["post-secondary non-tertiary education"] = "education",
        ["education not definable by level"] = "education",
        ["cultural services"] = "culture_leisure",
        ["recreational and sporting services"] = "culture_leisure",
        ["protection of biodiversity and landscape"] = "environment_climate",
        ["pollution abatement"] = "environment_climate",
    };

    /// <summary>Functions no UK council runs: a practice filed only under one of these has no service area here.</summary>
    private static readonly HashSet<string> NationalFunctions = new(StringComparer.Ordinal)
    {
        "defence", "military defence", "foreign economic aid", "external affairs",
    };

    private readonly Dictionary<string, string> _table;

    /// <param name="extra">Labels from a mapping file, checked first so a catalogue can override the built-in table.</param>
    public ServiceAreaSynonyms(IReadOnlyDictionary<string, string>? extra = null)
    {
        _table = new Dictionary<string, string>(BuiltIn, StringComparer.Ordinal);
        foreach (var (label, area) in extra ?? new Dictionary<string, string>())
        {
            _table[Key(label)] = area;
        }
    }

    public static IReadOnlyCollection<string> BuiltInLabels => BuiltIn.Keys;

    /// <summary>The service area for a label: a known area id, a synonym, or null.</summary>
    public string? Map(string label)
    {
        var normalised = ServiceArea.Normalise(label);
        if (ServiceArea.IsKnown(normalised))
        {
            return normalised;
        }

        return _table.GetValueOrDefault(Key(label));
    }

    public static bool IsNationalFunction(string label) => NationalFunctions.Contains(Key(label));

    /// <summary>
    /// Case, spacing, a trailing full stop, "&amp;" and COFOG's "n.e.c." (not elsewhere classified) do not
    /// change what a label means: "Social protection n.e.c." is "social protection".
    /// </summary>
    private static string Key(string label)
    {
        var key = string.Join(' ', label.Trim().ToLowerInvariant().Replace("&", " and ", StringComparison.Ordinal)
            .Split((char[])[' ', '\t', '\u00a0'], StringSplitOptions.RemoveEmptyEntries));
        key = key.TrimEnd('.', ' ');
        const string notElsewhere = " n.e.c";
        if (key.EndsWith(notElsewhere, StringComparison.Ordinal))
        {
            key = key[..^notElsewhere.Length].TrimEnd();
        }

        return key;
    }
}
