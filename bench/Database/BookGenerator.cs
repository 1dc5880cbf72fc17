namespace ActorCloud.Bench.Database;

/// <summary>
/// Deterministic, varied books (~250 bytes of EJSON each), generated from their index on demand: the raw SQLite
/// baseline and ActorCloud write identical documents, and none are held in memory while the server's memory is
/// measured. Sixteen countries and years 1800–2024, uniform, so the benchmark filter (<c>France</c>,
/// year ≥ 1900) matches about 3.5 % of the collection: a selective query.
/// </summary>
public static class BookGenerator
{
    private const int Seed = 1951;

    private static readonly string[] Adjectives =
        ["Silent", "Crimson", "Forgotten", "Distant", "Golden", "Hidden", "Broken", "Eternal", "Wandering", "Last",
         "Secret", "Burning", "Quiet", "Lost", "Northern", "Winter"];

    private static readonly string[] Nouns =
        ["Garden", "River", "Empire", "Letters", "Harbor", "Mountain", "Daughter", "Orchard", "Lighthouse", "Carnival",
         "Station", "Kingdom", "Winter", "Mirror", "Voyage", "Archive"];

    private static readonly string[] GivenNames =
        ["Holden", "Marguerite", "Armand", "Elizabeth", "Jean", "Anna", "Pierre", "Natasha", "Heathcliff", "Emma",
         "Santiago", "Ishmael", "Clarissa", "Gregor", "Dorian", "Josephine", "Raskolnikov", "Jane", "Lucien", "Ottilie"];

    private static readonly string[] FamilyNames =
        ["Caulfield", "Gautier", "Duval", "Bennet", "Valjean", "Karenina", "Bezukhov", "Rostova", "Earnshaw", "Bovary",
         "Dalloway", "Samsa", "Gray", "March", "Eyre", "Chardon", "Lindqvist", "Moreau", "Antolini", "de Varville"];

    public static readonly string[] Countries =
        ["United States", "United Kingdom", "France", "Germany", "Russia", "Japan", "China", "Italy", "Spain", "Brazil",
         "India", "Canada", "Sweden", "Argentina", "Nigeria", "Poland"];

    public static Book At(int index)
    {
        var random = new Random(unchecked(Seed * 1_000_003 + index));
        string Pick(string[] values) => values[random.Next(values.Length)];

        var title = $"The {Pick(Adjectives)} {Pick(Nouns)} of {Pick(GivenNames)} {Pick(FamilyNames)}";
        var author = $"{Pick(GivenNames)} {(char)('A' + random.Next(26))}. {Pick(FamilyNames)}";
        var characters = new string[random.Next(3, 6)];
        for (var i = 0; i < characters.Length; i++) characters[i] = $"{Pick(GivenNames)} {Pick(FamilyNames)}";
        return new Book(title, author, characters, random.Next(1800, 2025), Pick(Countries));
    }
}
