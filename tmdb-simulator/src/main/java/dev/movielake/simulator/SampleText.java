package dev.movielake.simulator;

import java.util.List;

/** The vocabulary generated titles, names, overviews and reviews are drawn from. */
final class SampleText {
  private SampleText() {}

  static final List<String> TITLE_ADJECTIVES =
      List.of(
          "Last",
          "Silent",
          "Broken",
          "Golden",
          "Hidden",
          "Endless",
          "Crimson",
          "Frozen",
          "Distant",
          "Forgotten",
          "Burning",
          "Lonely",
          "Wild",
          "Electric",
          "Midnight",
          "Secret",
          "Fallen",
          "Bright",
          "Savage",
          "Quiet");
  static final List<String> TITLE_NOUNS =
      List.of(
          "Horizon",
          "River",
          "Empire",
          "Garden",
          "Signal",
          "Harbor",
          "Kingdom",
          "Shadow",
          "Summer",
          "Machine",
          "Frontier",
          "Orchard",
          "Circus",
          "Station",
          "Voyage",
          "Witness",
          "Island",
          "Letter",
          "Storm",
          "Crown",
          "Engine",
          "Mirror",
          "Winter",
          "Highway",
          "Lantern",
          "Canyon",
          "Heist",
          "Promise",
          "Border",
          "Symphony");

  /**
   * Non-English originals with the English titles TMDB would show; [language, original, english].
   */
  static final List<String[]> FOREIGN_TITLES =
      List.of(
          new String[] {"fr", "Le Dernier Été", "The Last Summer"},
          new String[] {"fr", "Amélie et les Étoiles", "Amélie and the Stars"},
          new String[] {"fr", "La Fête à Montréal", "Party in Montréal"},
          new String[] {"ja", "千と千尋の約束", "The Promise of Chihiro"},
          new String[] {"ja", "東京の夜明け", "Tokyo Dawn"},
          new String[] {"ja", "風の記憶", "Memories of the Wind"},
          new String[] {"hi", "दिल की बात", "Matters of the Heart"},
          new String[] {"hi", "सपनों का शहर", "City of Dreams"},
          new String[] {"hi", "आखिरी सफ़र", "The Final Journey"},
          new String[] {"ko", "서울의 밤", "Seoul Nights"},
          new String[] {"ko", "마지막 편지", "The Last Letter"},
          new String[] {"zh", "长城之外", "Beyond the Great Wall"},
          new String[] {"zh", "月光下的茶馆", "Teahouse in the Moonlight"},
          new String[] {"es", "El Año de la Señal", "The Year of the Signal"},
          new String[] {"es", "Niños del Mañana", "Children of Tomorrow"},
          new String[] {"de", "Über den Straßen", "Above the Streets"},
          new String[] {"de", "Die Größe der Nacht", "The Size of the Night"},
          new String[] {"it", "La Città Proibita", "The Forbidden City"},
          new String[] {"pt", "Coração de Leão", "Lionheart"},
          new String[] {"sv", "Sjön bortom skogen", "The Lake Beyond the Forest"});

  static final List<String> FIRST_NAMES =
      List.of(
          "Emma",
          "Liam",
          "Olivia",
          "Noah",
          "Ava",
          "James",
          "Sophia",
          "Lucas",
          "Mia",
          "Ethan",
          "Chloé",
          "José",
          "Zoë",
          "Søren",
          "Björn",
          "Renée",
          "François",
          "Márta",
          "Ana",
          "Kenji",
          "Yuki",
          "Priya",
          "Arjun",
          "Min-jun",
          "Seo-yeon",
          "Wei",
          "Mei",
          "Ingrid",
          "Mateo",
          "Lucía",
          "Omar",
          "Fatima",
          "Dmitri",
          "Anya",
          "Kwame",
          "Amara");
  static final List<String> LAST_NAMES =
      List.of(
          "Smith",
          "Johnson",
          "Williams",
          "Brown",
          "García",
          "Martínez",
          "Müller",
          "Dubois",
          "Lefèvre",
          "Rossi",
          "Tanaka",
          "Watanabe",
          "Sharma",
          "Patel",
          "Kim",
          "Park",
          "Chen",
          "Wang",
          "Nielsen",
          "Andersson",
          "O'Connor",
          "Nowak",
          "Kowalczyk",
          "Silva",
          "Costa",
          "Okafor",
          "Haddad",
          "Ivanova",
          "Fitzgerald",
          "Nguyen");
  static final List<String> NATIVE_NAMES =
      List.of(
          "田中 健二",
          "渡辺 由紀",
          "प्रिया शर्मा",
          "अर्जुन पटेल",
          "김민준",
          "박서연",
          "陈伟",
          "王梅",
          "Дмитрий Иванов");
  static final List<String> BIRTH_PLACES =
      List.of(
          "London, England, UK",
          "Los Angeles, California, USA",
          "Paris, France",
          "Tokyo, Japan",
          "Mumbai, India",
          "Seoul, South Korea",
          "Madrid, Spain",
          "Berlin, Germany",
          "São Paulo, Brazil",
          "Lagos, Nigeria",
          "Toronto, Ontario, Canada",
          "Sydney, New South Wales, Australia",
          "Stockholm, Sweden",
          "Beijing, China");

  static final List<String> OVERVIEW_SENTENCES =
      List.of(
          "A retired detective is pulled back into the case that ended her career.",
          "Two estranged brothers must cross the country to bury their father.",
          "When a mysterious signal reaches a remote research station, the crew begins to vanish"
              + " one by one.",
          "A young chef risks everything to open a restaurant in the city that rejected her.",
          "Set against the backdrop of a collapsing empire, a soldier searches for the family he"
              + " left behind.",
          "An unlikely friendship forms between a grieving widower and a runaway teenager.",
          "A heist crew plans one final job, but someone on the inside has other plans.",
          "In a future where memories can be sold, a clerk discovers a memory that is not his own.",
          "A small town's annual festival turns deadly when an old secret resurfaces.",
          "A musician on the verge of fame loses her hearing and must learn to play again.",
          "Stranded after a storm, a group of strangers must decide whom to trust.",
          "Based on a true story, this is the account of the longest rescue mission in naval"
              + " history.",
          "A documentary crew follows an eccentric inventor through a year of spectacular"
              + " failures.",
          "Haunted by visions, a lighthouse keeper begins to doubt his own sanity.",
          "Rival families are forced to share a house for one chaotic summer.");

  static final List<String> TAGLINES =
      List.of(
          "Some secrets never stay buried.",
          "The journey is the destination.",
          "Trust no one.",
          "Every legend has a beginning.",
          "One night. One chance.",
          "Home is where the heart breaks.",
          "The truth will find you.",
          "Fear has a new address.",
          "Love is the greatest adventure.",
          "Nothing will ever be the same.");

  static final List<String> KEYWORDS =
      List.of(
          "based on novel or book",
          "dystopia",
          "friendship",
          "revenge",
          "heist",
          "small town",
          "time travel",
          "coming of age",
          "road trip",
          "murder",
          "survival",
          "family relationships",
          "artificial intelligence",
          "biography",
          "sequel",
          "space",
          "world war ii",
          "musician",
          "police",
          "haunted house",
          "duringcreditsstinger",
          "woman director",
          "island",
          "betrayal",
          "love triangle");

  static final List<String> COMPANIES =
      List.of(
          "Northlight Pictures",
          "Blue Harbor Films",
          "Silverline Studios",
          "Meridian Entertainment",
          "Studio Hanabi",
          "Lumière Nouvelle",
          "Red Fern Productions",
          "Cinéma Atlas",
          "Goldcrest Valley",
          "Tiger Lotus Films",
          "Nordic Frame",
          "Andes Producciones",
          "Kestrel Media",
          "Paper Moon Animation");
  static final List<String> COUNTRY_CODES =
      List.of("US", "GB", "FR", "JP", "IN", "KR", "CN", "ES", "DE", "IT", "BR", "SE", "CA");

  /** [iso_639_1, english_name, name in that language] */
  static final List<String[]> LANGUAGES =
      List.of(
          new String[] {"en", "English", "English"},
          new String[] {"fr", "French", "Français"},
          new String[] {"ja", "Japanese", "日本語"},
          new String[] {"hi", "Hindi", "हिन्दी"},
          new String[] {"ko", "Korean", "한국어/조선말"},
          new String[] {"zh", "Mandarin", "普通话"},
          new String[] {"es", "Spanish", "Español"},
          new String[] {"de", "German", "Deutsch"},
          new String[] {"it", "Italian", "Italiano"},
          new String[] {"pt", "Portuguese", "Português"},
          new String[] {"sv", "Swedish", "svenska"});

  static final List<String> POSITIVE_REVIEWS =
      List.of(
          "An absolute masterpiece. The performances are layered, the score is haunting and the"
              + " final act had the whole theatre holding its breath.",
          "I went in with low expectations and came out grinning. Sharp writing, gorgeous"
              + " cinematography and a cast that clearly loved making this.",
          "**Best film of the year.** Every frame feels deliberate, and the lead deserves every"
              + " award going.",
          "A warm, funny and surprisingly moving story. I have already watched it twice and noticed"
              + " new details both times.",
          "Visually stunning and emotionally honest. It takes its time, but the payoff is"
              + " enormous.");
  static final List<String> NEGATIVE_REVIEWS =
      List.of(
          "Boring and far too long. Forty minutes could have been cut without losing anything, and"
              + " the twist is visible from the first scene.",
          "What a waste of a talented cast. The dialogue is wooden and the plot makes no sense at"
              + " all.",
          "I really wanted to like this, but the pacing is glacial and the ending just stops rather"
              + " than concludes.",
          "Loud, messy and forgettable. The effects are fine; everything else is not.",
          "Two stars for the soundtrack. The rest is a tired retread of better films.");
  static final List<String> MIXED_REVIEWS =
      List.of(
          "Solid but unremarkable. The first half is gripping, the second half loses its nerve.",
          "Good performances carry a script that never quite decides what it wants to be.",
          "Worth a watch on a rainy evening, though I doubt I will remember much of it next year.");
  static final List<String> REVIEW_AUTHORS =
      List.of(
          "CinemaSerf",
          "Manuel São Bento",
          "filmfanatic88",
          "Geronimo1967",
          "Chris Sawin",
          "r96sk",
          "Ελένη",
          "MovieGuys",
          "Kamurai",
          "Peter89Spencer",
          "さくら映画",
          "JPV852",
          "Wuchak",
          "msbreviews");
}
