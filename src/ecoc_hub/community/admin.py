from django.contrib import admin

from .models import Post, Space, Thread


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "access"]
    list_filter = ["kind", "access"]
    search_fields = ["name"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "space", "author", "last_post_at"]
    list_select_related = ["space", "author"]
    search_fields = ["title"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["thread", "author", "created_at"]
    list_select_related = ["thread", "author"]
    raw_id_fields = ["thread", "author"]
