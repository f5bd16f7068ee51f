using System.Text.Json.Serialization.Metadata;

namespace Recommend.ServiceDefaults.Http;

/// <summary>
/// Tells from the contract, not from an exception's wording, whether the JSON path where reading
/// failed names a member the target type does not have (an unknown field), as opposed to a known
/// member with a wrong value. Walks the path ("$.priorities[0].area") through the type metadata.
/// </summary>
public static class JsonPathWalker
{
    public static bool NamesUnknownMember(JsonTypeInfo root, string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return false;
        }

        var current = root;
        var segments = Segments(path);
        for (var i = 0; i < segments.Count; i++)
        {
            var (name, isIndex) = segments[i];
            if (isIndex)
            {
                if (ElementType(current.Type) is not { } element)
                {
                    return false;
                }

                current = current.Options.GetTypeInfo(element);
                continue;
            }

            if (current.Kind != JsonTypeInfoKind.Object)
            {
                return false;
            }

            var property = current.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            if (property is null)
            {
                return true;
            }

            current = current.Options.GetTypeInfo(property.PropertyType);
        }

        return false;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    /// <summary>"$.a.b[2]['c d']" as (a), (b), ([2]), (c d); an index segment carries no name.</summary>
    private static List<(string Name, bool IsIndex)> Segments(string path)
    {
        var segments = new List<(string, bool)>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add((path[(i + 1)..end], false));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                segments.Add((path[(i + 2)..end], false));
                i = Math.Min(path.Length, end + 2);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                segments.Add(("", true));
                i = end < 0 ? path.Length : end + 1;
            }
            else
            {
                break;
            }
        }

        return segments;
    }
}
