package io.incidentops.comms.paging;

/**
 * The incident's war room as a page names it: the Slack channel's link once comms created it ({@code url}), until then
 * the channel name intake announced ({@code url} null).
 */
public record WarRoomLink(String name, String url) {

    /** What a text shows: the link when there is one, else the name. */
    public String where() {
        return url != null ? url : name;
    }
}
