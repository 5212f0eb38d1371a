package dev.storefront.simulator.store;

import java.text.Normalizer;
import java.util.Locale;

/** The word pools generated records draw from; deliberately full of accents and non-Latin scripts. */
final class SampleNames {

    static final String[] FIRST = {
        "Jordan", "Sam", "José", "Zoë", "Łukasz", "Björk", "Amélie", "Søren", "Chloé", "Mateo",
        "Aiko", "Priya", "Olu", "Émile", "Noah", "Emma", "Liam", "Ava", "Jürgen", "Inés",
        "美咲", "Дмитрий", "Fatimah", "Nguyễn", "Siobhán", "Ólafur", "Renée", "Kai", "Lena", "Omar"};

    static final String[] LAST = {
        "Lee", "Rivera", "García", "Müller", "Nowak", "Ødegaard", "Dubois", "Smith", "Kowalski", "Núñez",
        "Tanaka", "Patel", "Okafor", "Brontë", "Johnson", "Brown", "山田", "Иванова", "O'Brien", "Đorđević",
        "Schäfer", "Çelik", "Williams", "Jones", "Martín", "Hansen", "Kim", "Chen", "Fernández", "Ångström"};

    static final String[] ADJECTIVES = {
        "Canvas", "Merino", "Crème", "Linen", "Everyday", "Alpine", "Cozy", "Vintage", "Organic", "Café",
        "Nordic", "Ärmel", "Classic", "Waxed", "Recycled", "Señorita", "Heritage", "Urban", "Trail", "Zen"};

    static final String[] NOUNS = {
        "Tote", "Beanie", "Scarf", "Mug", "Candle", "Sweater", "Backpack", "Socks", "Notebook", "Blanket",
        "Cap", "Apron", "Bottle", "Gloves", "Wallet", "Tee", "Hoodie", "Planter", "Tea Set", "Umbrella"};

    static final String[] PRODUCT_TYPES = {"Bags", "Hats", "Apparel", "Home", "Accessories", "Stationery", "Kitchen", ""};

    static final String[] VENDORS = {"Heldout Goods", "Maison Lumière", "Nordlys Co.", "Acme Supply", "Kōbō Works"};

    static final String[] SIZES = {"Small", "Medium", "Large", "XL"};

    static final String[] COLOURS = {"Natural", "Charcoal", "Crimson", "Olive", "Bleu Marine", "Sand"};

    static final String[] CUSTOMER_TAGS = {"", "", "", "vip", "newsletter", "wholesale", "vip, newsletter"};

    static final String[] FIRST_ASCII = java.util.Arrays.stream(FIRST).map(SampleNames::ascii).toArray(String[]::new);

    static final String[] LAST_ASCII = java.util.Arrays.stream(LAST).map(SampleNames::ascii).toArray(String[]::new);

    private SampleNames() {
    }

    static String ascii(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
        return folded.isEmpty() ? "buyer" : folded;
    }

    static String handle(String title) {
        String folded = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return folded.replaceAll("(^-|-$)", "");
    }
}
