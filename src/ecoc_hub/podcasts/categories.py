"""Apple Podcasts categories (https://podcasters.apple.com/support/1691-apple-podcasts-categories)."""

from django.db import models


class AppleCategory(models.TextChoices):
    """Apple Podcasts categories; the value is "Category" or "Category|Sub".

    The names are Apple's identifiers and go into the feed verbatim, so they
    are not translated."""

    ARTS = "Arts", "Arts"
    ARTS__BOOKS = "Arts|Books", "Arts > Books"
    ARTS__DESIGN = "Arts|Design", "Arts > Design"
    ARTS__FASHION_AND_BEAUTY = "Arts|Fashion & Beauty", "Arts > Fashion & Beauty"
    ARTS__FOOD = "Arts|Food", "Arts > Food"
    ARTS__PERFORMING_ARTS = "Arts|Performing Arts", "Arts > Performing Arts"
    ARTS__VISUAL_ARTS = "Arts|Visual Arts", "Arts > Visual Arts"
    BUSINESS = "Business", "Business"
    BUSINESS__CAREERS = "Business|Careers", "Business > Careers"
    BUSINESS__ENTREPRENEURSHIP = (
        "Business|Entrepreneurship",
        "Business > Entrepreneurship",
    )
    BUSINESS__INVESTING = "Business|Investing", "Business > Investing"
    BUSINESS__MANAGEMENT = "Business|Management", "Business > Management"
    BUSINESS__MARKETING = "Business|Marketing", "Business > Marketing"
    BUSINESS__NON_PROFIT = "Business|Non-Profit", "Business > Non-Profit"
    COMEDY = "Comedy", "Comedy"
    COMEDY__COMEDY_INTERVIEWS = "Comedy|Comedy Interviews", "Comedy > Comedy Interviews"
    COMEDY__IMPROV = "Comedy|Improv", "Comedy > Improv"
    COMEDY__STAND_UP = "Comedy|Stand-Up", "Comedy > Stand-Up"
    EDUCATION = "Education", "Education"
    EDUCATION__COURSES = "Education|Courses", "Education > Courses"
    EDUCATION__HOW_TO = "Education|How To", "Education > How To"
    EDUCATION__LANGUAGE_LEARNING = (
        "Education|Language Learning",
        "Education > Language Learning",
    )
    EDUCATION__SELF_IMPROVEMENT = (
        "Education|Self-Improvement",
        "Education > Self-Improvement",
    )
    FICTION = "Fiction", "Fiction"
    FICTION__COMEDY_FICTION = "Fiction|Comedy Fiction", "Fiction > Comedy Fiction"
    FICTION__DRAMA = "Fiction|Drama", "Fiction > Drama"
    FICTION__SCIENCE_FICTION = "Fiction|Science Fiction", "Fiction > Science Fiction"
    GOVERNMENT = "Government", "Government"
    HISTORY = "History", "History"
    HEALTH_AND_FITNESS = "Health & Fitness", "Health & Fitness"
    HEALTH_AND_FITNESS__ALTERNATIVE_HEALTH = (
        "Health & Fitness|Alternative Health",
        "Health & Fitness > Alternative Health",
    )
    HEALTH_AND_FITNESS__FITNESS = (
        "Health & Fitness|Fitness",
        "Health & Fitness > Fitness",
    )
    HEALTH_AND_FITNESS__MEDICINE = (
        "Health & Fitness|Medicine",
        "Health & Fitness > Medicine",
    )
    HEALTH_AND_FITNESS__MENTAL_HEALTH = (
        "Health & Fitness|Mental Health",
        "Health & Fitness > Mental Health",
    )
    HEALTH_AND_FITNESS__NUTRITION = (
        "Health & Fitness|Nutrition",
        "Health & Fitness > Nutrition",
    )
    HEALTH_AND_FITNESS__SEXUALITY = (
        "Health & Fitness|Sexuality",
        "Health & Fitness > Sexuality",
    )
    KIDS_AND_FAMILY = "Kids & Family", "Kids & Family"
    KIDS_AND_FAMILY__EDUCATION_FOR_KIDS = (
        "Kids & Family|Education for Kids",
        "Kids & Family > Education for Kids",
    )
    KIDS_AND_FAMILY__PARENTING = "Kids & Family|Parenting", "Kids & Family > Parenting"
    KIDS_AND_FAMILY__PETS_AND_ANIMALS = (
        "Kids & Family|Pets & Animals",
        "Kids & Family > Pets & Animals",
    )
    KIDS_AND_FAMILY__STORIES_FOR_KIDS = (
        "Kids & Family|Stories for Kids",
        "Kids & Family > Stories for Kids",
    )
    LEISURE = "Leisure", "Leisure"
    LEISURE__ANIMATION_AND_MANGA = (
        "Leisure|Animation & Manga",
        "Leisure > Animation & Manga",
    )
    LEISURE__AUTOMOTIVE = "Leisure|Automotive", "Leisure > Automotive"
    LEISURE__AVIATION = "Leisure|Aviation", "Leisure > Aviation"
    LEISURE__CRAFTS = "Leisure|Crafts", "Leisure > Crafts"
    LEISURE__GAMES = "Leisure|Games", "Leisure > Games"
    LEISURE__HOBBIES = "Leisure|Hobbies", "Leisure > Hobbies"
    LEISURE__HOME_AND_GARDEN = "Leisure|Home & Garden", "Leisure > Home & Garden"
    LEISURE__VIDEO_GAMES = "Leisure|Video Games", "Leisure > Video Games"
    MUSIC = "Music", "Music"
    MUSIC__MUSIC_COMMENTARY = "Music|Music Commentary", "Music > Music Commentary"
    MUSIC__MUSIC_HISTORY = "Music|Music History", "Music > Music History"
    MUSIC__MUSIC_INTERVIEWS = "Music|Music Interviews", "Music > Music Interviews"
    NEWS = "News", "News"
    NEWS__BUSINESS_NEWS = "News|Business News", "News > Business News"
    NEWS__DAILY_NEWS = "News|Daily News", "News > Daily News"
    NEWS__ENTERTAINMENT_NEWS = "News|Entertainment News", "News > Entertainment News"
    NEWS__NEWS_COMMENTARY = "News|News Commentary", "News > News Commentary"
    NEWS__POLITICS = "News|Politics", "News > Politics"
    NEWS__SPORTS_NEWS = "News|Sports News", "News > Sports News"
    NEWS__TECH_NEWS = "News|Tech News", "News > Tech News"
    RELIGION_AND_SPIRITUALITY = "Religion & Spirituality", "Religion & Spirituality"
    RELIGION_AND_SPIRITUALITY__BUDDHISM = (
        "Religion & Spirituality|Buddhism",
        "Religion & Spirituality > Buddhism",
    )
    RELIGION_AND_SPIRITUALITY__CHRISTIANITY = (
        "Religion & Spirituality|Christianity",
        "Religion & Spirituality > Christianity",
    )
    RELIGION_AND_SPIRITUALITY__HINDUISM = (
        "Religion & Spirituality|Hinduism",
        "Religion & Spirituality > Hinduism",
    )
    RELIGION_AND_SPIRITUALITY__ISLAM = (
        "Religion & Spirituality|Islam",
        "Religion & Spirituality > Islam",
    )
    RELIGION_AND_SPIRITUALITY__JUDAISM = (
        "Religion & Spirituality|Judaism",
        "Religion & Spirituality > Judaism",
    )
    RELIGION_AND_SPIRITUALITY__RELIGION = (
        "Religion & Spirituality|Religion",
        "Religion & Spirituality > Religion",
    )
    RELIGION_AND_SPIRITUALITY__SPIRITUALITY = (
        "Religion & Spirituality|Spirituality",
        "Religion & Spirituality > Spirituality",
    )
    SCIENCE = "Science", "Science"
    SCIENCE__ASTRONOMY = "Science|Astronomy", "Science > Astronomy"
    SCIENCE__CHEMISTRY = "Science|Chemistry", "Science > Chemistry"
    SCIENCE__EARTH_SCIENCES = "Science|Earth Sciences", "Science > Earth Sciences"
    SCIENCE__LIFE_SCIENCES = "Science|Life Sciences", "Science > Life Sciences"
    SCIENCE__MATHEMATICS = "Science|Mathematics", "Science > Mathematics"
    SCIENCE__NATURAL_SCIENCES = "Science|Natural Sciences", "Science > Natural Sciences"
    SCIENCE__NATURE = "Science|Nature", "Science > Nature"
    SCIENCE__PHYSICS = "Science|Physics", "Science > Physics"
    SCIENCE__SOCIAL_SCIENCES = "Science|Social Sciences", "Science > Social Sciences"
    SOCIETY_AND_CULTURE = "Society & Culture", "Society & Culture"
    SOCIETY_AND_CULTURE__DOCUMENTARY = (
        "Society & Culture|Documentary",
        "Society & Culture > Documentary",
    )
    SOCIETY_AND_CULTURE__PERSONAL_JOURNALS = (
        "Society & Culture|Personal Journals",
        "Society & Culture > Personal Journals",
    )
    SOCIETY_AND_CULTURE__PHILOSOPHY = (
        "Society & Culture|Philosophy",
        "Society & Culture > Philosophy",
    )
    SOCIETY_AND_CULTURE__PLACES_AND_TRAVEL = (
        "Society & Culture|Places & Travel",
        "Society & Culture > Places & Travel",
    )
    SOCIETY_AND_CULTURE__RELATIONSHIPS = (
        "Society & Culture|Relationships",
        "Society & Culture > Relationships",
    )
    SPORTS = "Sports", "Sports"
    SPORTS__BASEBALL = "Sports|Baseball", "Sports > Baseball"
    SPORTS__BASKETBALL = "Sports|Basketball", "Sports > Basketball"
    SPORTS__CRICKET = "Sports|Cricket", "Sports > Cricket"
    SPORTS__FANTASY_SPORTS = "Sports|Fantasy Sports", "Sports > Fantasy Sports"
    SPORTS__FOOTBALL = "Sports|Football", "Sports > Football"
    SPORTS__GOLF = "Sports|Golf", "Sports > Golf"
    SPORTS__HOCKEY = "Sports|Hockey", "Sports > Hockey"
    SPORTS__RUGBY = "Sports|Rugby", "Sports > Rugby"
    SPORTS__RUNNING = "Sports|Running", "Sports > Running"
    SPORTS__SOCCER = "Sports|Soccer", "Sports > Soccer"
    SPORTS__SWIMMING = "Sports|Swimming", "Sports > Swimming"
    SPORTS__TENNIS = "Sports|Tennis", "Sports > Tennis"
    SPORTS__VOLLEYBALL = "Sports|Volleyball", "Sports > Volleyball"
    SPORTS__WILDERNESS = "Sports|Wilderness", "Sports > Wilderness"
    SPORTS__WRESTLING = "Sports|Wrestling", "Sports > Wrestling"
    TECHNOLOGY = "Technology", "Technology"
    TRUE_CRIME = "True Crime", "True Crime"
    TV_AND_FILM = "TV & Film", "TV & Film"
    TV_AND_FILM__AFTER_SHOWS = "TV & Film|After Shows", "TV & Film > After Shows"
    TV_AND_FILM__FILM_HISTORY = "TV & Film|Film History", "TV & Film > Film History"
    TV_AND_FILM__FILM_INTERVIEWS = (
        "TV & Film|Film Interviews",
        "TV & Film > Film Interviews",
    )
    TV_AND_FILM__FILM_REVIEWS = "TV & Film|Film Reviews", "TV & Film > Film Reviews"
    TV_AND_FILM__TV_REVIEWS = "TV & Film|TV Reviews", "TV & Film > TV Reviews"

    @property
    def parts(self) -> tuple[str, str]:
        """(category, subcategory); the subcategory is "" for a top category."""
        category, _, sub = self.value.partition("|")
        return category, sub
